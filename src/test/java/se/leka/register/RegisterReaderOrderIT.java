package se.leka.register;

import org.junit.jupiter.api.Test;

import se.leka.testsupport.TestDatabases;

/**
 * {@link RegisterFactOrder} on the integration tests' database: PostgreSQL, where the register's
 * text columns sort in byte order ({@code COLLATE "C"}), whenever it is reachable (always with
 * {@code LEKA_REQUIRE_POSTGRES=true}).
 */
class RegisterReaderOrderIT {

    @Test
    void a_persons_facts_come_in_the_order_the_sql_gave_them() {
        RegisterFactOrder.check(TestDatabases.create("register_reader_order"));
    }
}

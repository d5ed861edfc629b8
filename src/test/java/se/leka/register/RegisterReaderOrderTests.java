package se.leka.register;

import org.junit.jupiter.api.Test;

import se.leka.testsupport.TestDatabases;

/** {@link RegisterFactOrder} on H2, the embedded default's database (PostgreSQL: {@link RegisterReaderOrderIT}). */
class RegisterReaderOrderTests {

    @Test
    void a_persons_facts_come_in_the_order_the_sql_gave_them_on_h2() {
        RegisterFactOrder.check(TestDatabases.h2("register_reader_order"));
    }
}

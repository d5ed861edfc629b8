package se.leka;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * LEKA exchange: the batch file-exchange processor between FK's benefit registers and the
 * organisations entitled to that data. Each top-level package below this one is a room (a
 * capability) with its own jobs, records and persistence; see {@code README.md}, "How it is built".
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LekaExchangeApplication {

    public static void main(String[] args) {
        SpringApplication.run(LekaExchangeApplication.class, args);
    }
}

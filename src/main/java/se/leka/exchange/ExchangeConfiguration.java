package se.leka.exchange;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Wires the exchange room for its mode: EMBEDDED (default) runs {@link EmbeddedSftpServer} over the
 * local trees; EXTERNAL polls and delivers through {@link ExternalSftpExchange}. Intake, receipts
 * and delivery are the same beans in both.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ExchangeProperties.class)
@EnableScheduling
class ExchangeConfiguration {

    @Bean
    @ConditionalOnProperty(name = "leka.exchange.mode", havingValue = "embedded", matchIfMissing = true)
    EmbeddedSftpServer embeddedSftpServer(ExchangeProperties properties, ExchangeDirectories directories,
                                          ExchangeAccess access, SftpLogins logins, Intake intake) {
        return new EmbeddedSftpServer(properties, directories, access, logins, intake);
    }

    @Bean
    @ConditionalOnProperty(name = "leka.exchange.mode", havingValue = "embedded", matchIfMissing = true)
    OutboxTransport localOutboxTransport() {
        return OutboxTransport.LOCAL;
    }

    @Bean
    @ConditionalOnProperty(name = "leka.exchange.mode", havingValue = "external")
    ExternalSftpExchange externalSftpExchange(ExchangeProperties properties, ExchangeDirectories directories,
                                              ExchangeAccess access, ObjectProvider<Intake> intake,
                                              org.springframework.jdbc.core.simple.JdbcClient jdbc, BeanFactory beanFactory) {
        return new ExternalSftpExchange(properties, directories, access, intake, jdbc, beanFactory);
    }

    /** After start-up (and the demo seeders): finish what a crash interrupted, take files left in inboxes. */
    @EventListener(ApplicationReadyEvent.class)
    void recoverIntake(ApplicationReadyEvent event) {
        ExchangeProperties properties = event.getApplicationContext().getBean(ExchangeProperties.class);
        event.getApplicationContext().getBean(Intake.class).recover(properties.mode() == ExchangeProperties.Mode.EMBEDDED);
    }
}

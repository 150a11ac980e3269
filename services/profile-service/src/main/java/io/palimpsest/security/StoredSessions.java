package io.palimpsest.security;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The web editor's sessions live in the store (collection {@code web-sessions} of the read models' database), kept
 * by Spring Session, rather than in one node's memory: behind a load balancer any node serves a signed-in page, and
 * a restart signs nobody out. Spring Boot's session auto-configuration picks this template up.
 */
@Configuration(proxyBeanMethods = false)
class StoredSessions {

    @Bean
    MongoTemplate sessionStore(@Qualifier("readModelClient") MongoClient client, MongoDatabase readModels) {
        return new MongoTemplate(client, readModels.getName());
    }
}

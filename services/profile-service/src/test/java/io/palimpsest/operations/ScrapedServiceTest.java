package io.palimpsest.operations;

import io.palimpsest.api.ApiClient;
import io.palimpsest.api.ServiceTest;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.test.context.TestPropertySource;

/**
 * The service with its Prometheus registry, which Spring Boot's tests leave out unless asked for it; one context for
 * every test that scrapes. Carol's edits are limited to a burst of 40, so that she can be refused for going too fast.
 */
@AutoConfigureObservability(tracing = false)
@TestPropertySource(properties = {"palimpsest.limits.edit-burst=40", "palimpsest.limits.edits-per-second=0.2"})
abstract class ScrapedServiceTest extends ServiceTest {

    ApiClient admin() {
        return as("ada");
    }
}

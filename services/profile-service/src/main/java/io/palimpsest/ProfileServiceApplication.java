package io.palimpsest;

import io.palimpsest.operations.OperationsCommandLine;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class ProfileServiceApplication {

    private static final String AXON_UPDATE_CHECK = "axoniq.update-checker.disabled";

    public static void main(String[] args) {
        // Axon's update checker would call a host outside this service's network; opt out unless told otherwise.
        if (System.getProperty(AXON_UPDATE_CHECK) == null && System.getenv("AXONIQ_UPDATE_CHECKER_DISABLED") == null) {
            System.setProperty(AXON_UPDATE_CHECK, "true");
        }
        if (OperationsCommandLine.handles(args)) {
            // backup, restore or verify: an operations tool on the service's store, not the web service.
            System.exit(OperationsCommandLine.run(System.out, System.err, args));
        }
        SpringApplication.run(ProfileServiceApplication.class, args);
    }
}

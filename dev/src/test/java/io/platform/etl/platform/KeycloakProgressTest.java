package io.platform.etl.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.platform.etl.platform.infra.KeycloakProgress;
import org.junit.jupiter.api.Test;

class KeycloakProgressTest {

    @Test
    void showsAugmentingRealmImportStartAndErrorsWithoutTheLogPrefix() {
        assertThat(KeycloakProgress.shown("Updating the configuration and installing your custom providers, if any."
                + " Please wait.")).contains("Updating the configuration and installing your custom providers, if any."
                + " Please wait.");
        assertThat(KeycloakProgress.shown("2026-12-02 19:50:01,123 INFO  [org.keycloak.exportimport.util.ImportUtils]"
                + " (main) Realm 'etl' imported")).contains("Realm 'etl' imported");
        assertThat(KeycloakProgress.shown("2026-12-02 19:50:09,004 INFO  [io.quarkus] (main) Keycloak 26.7.3 on JVM"
                + " (powered by Quarkus 3.27) started in 21.3s. Listening on: http://0.0.0.0:18080"))
                .hasValueSatisfying(s -> assertThat(s).startsWith("Keycloak 26.7.3 on JVM").contains("started in"));
        assertThat(KeycloakProgress.shown("2026-12-02 19:50:09,004 ERROR [org.keycloak.services] (main) KC-SERVICES0010:"
                + " boom")).contains("ERROR KC-SERVICES0010: boom");
    }

    @Test
    void leavesRoutineLinesInTheLogFile() {
        assertThat(KeycloakProgress.shown("2026-12-02 19:50:02,000 INFO  [org.infinispan.CONTAINER] (main) ISPN000556:"
                + " Starting user marshaller")).isEmpty();
        assertThat(KeycloakProgress.shown("   ")).isEmpty();
    }
}

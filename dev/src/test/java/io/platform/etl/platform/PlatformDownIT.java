package io.platform.etl.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.platform.etl.platform.state.EnvFile;
import io.platform.etl.platform.state.PidFile;
import io.platform.etl.testkit.FreePort;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Last of the launcher's integration tests: {@code down} stops the shared platform and leaves nothing behind. */
@Order(100)
class PlatformDownIT {

    @Test
    void downStopsEveryRecordedProcessIncludingKeycloakAndPrometheusAndFreesEveryPort() throws Exception {
        SharedPlatform platform = SharedPlatform.get();
        List<PidFile> recorded = PidFile.readAll(platform.home.resolve("pids"));
        List<ProcessHandle> everything = recorded.stream().flatMap(p -> p.process().stream())
                .flatMap(p -> java.util.stream.Stream.concat(java.util.stream.Stream.of(p), p.descendants())).toList();
        Map<String, String> portsFile = EnvFile.read(platform.home.resolve("ports.env"));

        SharedPlatform.Result down = platform.run(180, "down");

        assertThat(down.code()).as(down.output()).isZero();
        assertThat(down.output()).contains("none left");
        assertThat(recorded).hasSize(5);
        assertThat(everything).as("the recorded processes and their children (Keycloak, postgres, redis-server)")
                .hasSizeGreaterThan(5).noneMatch(ProcessHandle::isAlive);
        assertThat(portsFile).containsKeys("OIDC", "PROMETHEUS", "KAFKA");
        assertThat(portsFile.values()).allMatch(p -> FreePort.isFree(Integer.parseInt(p)));
        assertThat(PidFile.readAll(platform.home.resolve("pids"))).isEmpty();
        assertThat(platform.run(60, "status").code()).isEqualTo(3);
    }
}

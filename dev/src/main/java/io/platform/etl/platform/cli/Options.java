package io.platform.etl.platform.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A parsed command line.
 *
 * @param command     what to do
 * @param target      the service for {@code logs}, the demo user for {@code token}
 * @param demo        seed demo rules, traffic and catalogue ({@code --no-demo} turns it off)
 * @param build       build stale modules before starting ({@code --no-build} turns it off)
 * @param keep        leave what started running when {@code up} fails ({@code --keep})
 * @param timeout     how long {@code up} waits for everything to be healthy
 * @param services    which services to start; empty = every service module that exists
 * @param portOffset  added to every fixed port, so a second platform (a test) can run beside the first
 * @param home        state directory (pids, logs, data, env); empty = {@code <repo>/.platform}
 * @param follow      {@code logs -f}
 * @param lines       {@code logs -n N}; for {@code tail} the number of records to print, 0 = until interrupted
 * @param runDate     {@code export --date}
 * @param once        {@code watch --once}: one table, then exit
 * @param rate        demo events per second that {@code up} produces ({@code --rate N})
 * @param fastAuth    {@code up --fast-auth}: the stand-in OIDC provider instead of Keycloak
 * @param monitoring  {@code up --monitoring}: a local Prometheus with the platform's alert rules
 * @param keycloakDir where Keycloak's unpacked, augmented copy lives ({@code PLATFORM_KEYCLOAK_DIR}); empty =
 *                    {@code <home>/keycloak}
 */
public record Options(Command command, Optional<String> target, boolean demo, boolean build, boolean keep,
        Duration timeout, List<String> services, int portOffset, Optional<Path> home, boolean follow, int lines,
        Optional<LocalDate> runDate, boolean once, int rate, boolean fastAuth,
        boolean monitoring, Optional<Path> keycloakDir) {

    public Options {
        services = List.copyOf(services);
    }
}

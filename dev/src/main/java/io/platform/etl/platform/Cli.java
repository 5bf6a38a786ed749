package io.platform.etl.platform;

import io.platform.etl.platform.cli.ArgsParser;
import io.platform.etl.platform.cli.Options;
import io.platform.etl.platform.cli.UsageException;
import io.platform.etl.platform.commands.Context;
import io.platform.etl.platform.commands.Down;
import io.platform.etl.platform.commands.Export;
import io.platform.etl.platform.commands.Failure;
import io.platform.etl.platform.commands.Logs;
import io.platform.etl.platform.commands.Status;
import io.platform.etl.platform.commands.Tail;
import io.platform.etl.platform.commands.Token;
import io.platform.etl.platform.commands.Topic;
import io.platform.etl.platform.commands.Up;
import io.platform.etl.platform.commands.Watch;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Entry point of {@code ./platform} (the script picks a JDK 21+, builds this module and passes
 * {@code -Dplatform.root=<repo>}). Exit codes: 0 done, 1 failed, 2 bad command line, 3 not running (status).
 */
public final class Cli {

    static final String USAGE = """
            usage: ./platform COMMAND [options]
              up       [--no-demo] [--no-build] [--services a,b] [--timeout SEC] [--keep] [--rate N] [--fast-auth]
                       [--monitoring]
                       start embedded PostgreSQL, Redis, Kafka, Keycloak, S3 and every service; wait until healthy;
                       demo traffic at N events/s (default 50);
                       --fast-auth: a stand-in OIDC provider instead of Keycloak, ready in a second
                       --monitoring: a local Prometheus (/usr/bin/prometheus) scraping every service, with the
                       alert rules of k8s/base/monitoring
              status   pid, process and health of each component
              logs     COMPONENT [-n N] [-f]   (COMPONENT: infra, rules-api, stage-filter, …)
              token    reader|writer           a bearer token: curl -H "Authorization: Bearer $(./platform token writer)"
              export   [--date YYYY-MM-DD]     run the price exporter once and list what it published
              topic    TOPIC [-n N] [-f]       the last N committed records of a topic (key, value), or follow it
              watch    [--once]                live per-stage rates, DLQ, late, lag, rule version, p99 (alias: top)
              tail     TOPIC [-n N]            new records of a topic as they arrive, pretty JSON (stop after N)
              down     stop everything up started, and check nothing is left
            options for every command:
              --port-offset N   add N to every port (also PLATFORM_PORT_OFFSET), to run a second platform
              --home DIR        state directory instead of .platform (also PLATFORM_HOME)
            """;

    private Cli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, Path.of(System.getProperty("platform.root", "..")), System.out));
    }

    static int run(String[] args, Path root, PrintStream out) {
        try {
            Options options = ArgsParser.parse(args, System.getenv());
            Context ctx = Context.of(options, root, out);
            return switch (options.command()) {
                case UP -> Up.run(ctx);
                case DOWN -> Down.run(ctx);
                case STATUS -> Status.run(ctx);
                case LOGS -> Logs.run(ctx);
                case TOKEN -> Token.run(ctx);
                case EXPORT -> Export.run(ctx);
                case TOPIC -> Topic.run(ctx);
                case WATCH -> Watch.run(ctx);
                case TAIL -> Tail.run(ctx);
                case HELP -> {
                    out.print(USAGE);
                    yield 0;
                }
            };
        } catch (UsageException e) {
            System.err.println("platform: " + e.getMessage());
            System.err.print(USAGE);
            return 2;
        } catch (Failure e) {
            System.err.println("platform: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.err.println("platform: interrupted");
            return 1;
        }
    }
}

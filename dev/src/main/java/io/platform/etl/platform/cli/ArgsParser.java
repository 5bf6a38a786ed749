package io.platform.etl.platform.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parses {@code ./platform COMMAND [options]}. Environment defaults: {@code PLATFORM_PORT_OFFSET},
 * {@code PLATFORM_HOME}, {@code PLATFORM_TIMEOUT} (seconds), {@code PLATFORM_KEYCLOAK_DIR}; flags win over them.
 */
public final class ArgsParser {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(180);
    public static final int DEFAULT_LINES = 100;
    public static final int DEFAULT_RATE = 50;
    static final int MAX_RATE = 5_000;
    private static final int MAX_PORT_OFFSET = 46_000;

    private ArgsParser() {
    }

    public static Options parse(String[] args, Map<String, String> env) {
        if (args.length == 0) {
            return defaults(Command.HELP, env);
        }
        Command command = Command.of(args[0]).orElseThrow(() -> new UsageException(
                "unknown command '" + args[0] + "' (expected one of up, down, status, logs, token, export, topic, watch, tail, help)"));
        Builder b = new Builder(command, env);
        List<String> rest = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            if (arg.startsWith("--") && arg.contains("=")) {
                String name = arg.substring(0, arg.indexOf('='));
                if (!takesValue(name)) {
                    throw new UsageException("option " + name + " takes no value");
                }
                rest.set(i, name);
                rest.add(i + 1, arg.substring(arg.indexOf('=') + 1));
                arg = name;
            }
            switch (arg) {
                case "--no-demo" -> b.demo = false;
                case "--no-build" -> b.build = false;
                case "--keep" -> b.keep = true;
                case "--fast-auth" -> b.fastAuth = true;
                case "--monitoring" -> b.monitoring = true;
                case "-f", "--follow" -> b.follow = true;
                case "--timeout" -> b.timeout = Duration.ofSeconds(positive(arg, value(rest, i++, arg)));
                case "--services" -> b.services = services(value(rest, i++, arg));
                case "--port-offset" -> b.portOffset = portOffset(value(rest, i++, arg));
                case "--home" -> b.home = Optional.of(Path.of(value(rest, i++, arg)));
                case "-n", "--lines" -> b.lines = positive(arg, value(rest, i++, arg));
                case "--date" -> b.runDate = Optional.of(date(value(rest, i++, arg)));
                case "--once" -> b.once = true;
                case "--rate" -> b.rate = rate(value(rest, i++, arg));
                default -> {
                    if (arg.startsWith("-")) {
                        throw new UsageException("unknown option '" + arg + "' for " + command.name().toLowerCase());
                    }
                    if (b.target.isPresent()) {
                        throw new UsageException("unexpected argument '" + arg + "'");
                    }
                    b.target = Optional.of(arg);
                }
            }
        }
        return b.build();
    }

    private static Options defaults(Command command, Map<String, String> env) {
        return new Builder(command, env).build();
    }

    private static boolean takesValue(String arg) {
        return List.of("--timeout", "--services", "--port-offset", "--home", "--lines", "--date", "--rate").contains(arg) || "-n".equals(arg);
    }

    private static String value(List<String> rest, int i, String option) {
        if (i + 1 >= rest.size() || rest.get(i + 1).startsWith("--")) {
            throw new UsageException("option " + option + " needs a value");
        }
        return rest.get(i + 1);
    }

    private static int positive(String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("option " + option + " needs a positive whole number, got '" + value + "'");
    }

    static int portOffset(String value) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 0 && n <= MAX_PORT_OFFSET) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("port offset must be a number from 0 to " + MAX_PORT_OFFSET + ", got '" + value + "'");
    }

    private static int rate(String value) {
        int n = positive("--rate", value);
        if (n > MAX_RATE) {
            throw new UsageException("--rate is demo events per second, at most " + MAX_RATE + ", got " + n);
        }
        return n;
    }

    private static List<String> services(String value) {
        List<String> names = Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (names.isEmpty()) {
            throw new UsageException("--services needs at least one service name");
        }
        return names;
    }

    private static LocalDate date(String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new UsageException("--date needs YYYY-MM-DD, got '" + value + "'");
        }
    }

    private static final class Builder {
        final Command command;
        Optional<String> target = Optional.empty();
        boolean demo = true;
        boolean build = true;
        boolean keep;
        boolean fastAuth;
        boolean monitoring;
        Optional<Path> keycloakDir;
        boolean follow;
        Duration timeout;
        List<String> services = List.of();
        int portOffset;
        Optional<Path> home;
        int lines;
        Optional<LocalDate> runDate = Optional.empty();
        boolean once;
        int rate = DEFAULT_RATE;

        Builder(Command command, Map<String, String> env) {
            this.command = command;
            this.lines = command == Command.TAIL ? 0 : DEFAULT_LINES;
            this.portOffset = env.containsKey("PLATFORM_PORT_OFFSET") ? portOffset(env.get("PLATFORM_PORT_OFFSET")) : 0;
            this.home = Optional.ofNullable(env.get("PLATFORM_HOME")).filter(s -> !s.isBlank()).map(Path::of);
            this.keycloakDir = Optional.ofNullable(env.get("PLATFORM_KEYCLOAK_DIR")).filter(s -> !s.isBlank()).map(Path::of);
            this.timeout = env.containsKey("PLATFORM_TIMEOUT")
                    ? Duration.ofSeconds(positive("PLATFORM_TIMEOUT", env.get("PLATFORM_TIMEOUT")))
                    : DEFAULT_TIMEOUT;
        }

        Options build() {
            if (command == Command.LOGS && target.isEmpty()) {
                throw new UsageException("logs needs a component: ./platform logs infra|rules-api|stage-filter|…");
            }
            if (command == Command.TOPIC && target.isEmpty()) {
                throw new UsageException("topic needs a topic name: ./platform topic events.processed [-n N] [-f]");
            }
            if (command == Command.TAIL && target.isEmpty()) {
                throw new UsageException("tail needs a topic name: ./platform tail events.dlq [-n N]");
            }
            if (command == Command.TOKEN && target.isEmpty()) {
                throw new UsageException("token needs a demo user: ./platform token reader|writer");
            }
            return new Options(command, target, demo, build, keep, timeout, services, portOffset, home, follow, lines,
                    runDate, once, rate, fastAuth, monitoring, keycloakDir);
        }
    }
}

package io.platform.etl.platform.commands;

import io.platform.etl.platform.cli.Options;
import io.platform.etl.platform.config.PlatformPaths;
import io.platform.etl.platform.config.PortPlan;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * What every command needs: the parsed options, where things are, the port plan, and the JDK and classpath of
 * this launcher (the infra JVM runs on the same ones).
 */
public record Context(Options options, PlatformPaths paths, PortPlan ports, Path javaBin, String launcherClasspath,
        PrintStream out) {

    public static Context of(Options options, Path root, PrintStream out) {
        return new Context(options, PlatformPaths.of(root, options.home()), new PortPlan(options.portOffset()),
                Path.of(System.getProperty("java.home"), "bin", "java"), System.getProperty("java.class.path"), out);
    }

    /** A path relative to the repository root when it is inside it (shorter messages). */
    public String show(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        return abs.startsWith(paths.root()) ? paths.root().relativize(abs).toString() : abs.toString();
    }
}

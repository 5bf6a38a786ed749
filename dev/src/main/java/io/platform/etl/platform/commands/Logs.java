package io.platform.etl.platform.commands;

import io.platform.etl.platform.state.LogTail;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code ./platform logs COMPONENT [-n N] [-f]}: the last lines of a component's log, or follow it. */
public final class Logs {

    private Logs() {
    }

    public static int run(Context ctx) throws InterruptedException {
        String component = ctx.options().target().orElseThrow();
        Path log = ctx.paths().log(component);
        if (!Files.exists(log)) {
            throw new Failure("no log for '" + component + "' at " + ctx.show(log) + existing(ctx));
        }
        int lines = ctx.options().lines();
        if (!ctx.options().follow()) {
            LogTail.last(log, lines).forEach(ctx.out()::println);
            return 0;
        }
        try {
            return new ProcessBuilder("tail", "-n", Integer.toString(lines), "-F", log.toString()).inheritIO().start()
                    .waitFor();
        } catch (IOException e) {
            throw new Failure("cannot run tail: " + e.getMessage());
        }
    }

    private static String existing(Context ctx) {
        try (var files = Files.list(ctx.paths().logs())) {
            List<String> names = files.map(f -> f.getFileName().toString().replaceFirst("\\.log$", "")).sorted().toList();
            return names.isEmpty() ? "" : " (logs exist for: " + String.join(", ", names) + ")";
        } catch (IOException e) {
            return "";
        }
    }
}

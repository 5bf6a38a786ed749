import java.nio.file.Files;
import java.nio.file.Path;

/** The GC pauses a bench child logged with {@code -Xlog:gc}. */
final class GcLog {

    private GcLog() {
    }

    /** Sum of the GC pauses the child logged ({@code -Xlog:gc}), young and full. */
    static String pauses(Path gcLog) throws Exception {
        java.util.regex.Pattern pause = java.util.regex.Pattern.compile(
                "^\\[([0-9.]+)s].*Pause (Young|Full).* ([0-9.]+)ms$");
        double young = 0;
        double full = 0;
        int fulls = 0;
        double last = 0;
        for (String line : Files.readAllLines(gcLog)) {
            java.util.regex.Matcher m = pause.matcher(line);
            if (m.find()) {
                last = Double.parseDouble(m.group(1));
                if (m.group(2).equals("Full")) {
                    full += Double.parseDouble(m.group(3));
                    fulls++;
                } else {
                    young += Double.parseDouble(m.group(3));
                }
            }
        }
        return String.format("GC pauses over the process's first %.0f s: young %.1f s, full %.1f s (%d)", last,
                young / 1000, full / 1000, fulls);
    }
}

package io.platform.etl.platform.watch;

import java.io.Console;

/** Whether standard output is a terminal, so the live view may redraw in place with ANSI escapes. */
public final class Terminal {

    /** Cursor home, then each line cleared to its end, then everything below cleared: no flicker, no scrolling. */
    static final String HOME = "\033[H";
    static final String CLEAR_LINE_END = "\033[K";
    static final String CLEAR_BELOW = "\033[J";
    static final String CLEAR_SCREEN = "\033[2J";
    static final String HIDE_CURSOR = "\033[?25l";
    static final String SHOW_CURSOR = "\033[?25h";

    private Terminal() {
    }

    /**
     * On JDK 22+ {@link System#console()} exists even when output is redirected and {@code Console.isTerminal()}
     * tells; on JDK 21 (which the launcher still runs on) a console exists only for a terminal.
     */
    public static boolean interactive() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    public static String startScreen() {
        return CLEAR_SCREEN + HIDE_CURSOR;
    }

    public static String endScreen() {
        return SHOW_CURSOR;
    }

    /** One frame drawn over the previous one. */
    public static String redraw(String frame) {
        StringBuilder out = new StringBuilder(HOME);
        frame.lines().forEach(line -> out.append(line).append(CLEAR_LINE_END).append('\n'));
        return out.append(CLEAR_BELOW).toString();
    }
}

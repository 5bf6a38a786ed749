package io.platform.etl.model.rules.publish;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Redis key and channel names of rule propagation (see {@code libs/pipeline-model/REDIS-FORMAT.md}):
 * <ul>
 *   <li>snapshot (string, JSON {@link RuleSnapshot}, no TTL): {@code {prefix}:{pipeline}:{kind}:snapshot}</li>
 *   <li>notice channel (pub/sub, JSON {@link RuleChangeNotice}): {@code {prefix}:changes}</li>
 *   <li>applied-version report (string, JSON {@link AppliedVersionReport}, TTL set by the reporter):
 *       {@code {prefix}:{pipeline}:{kind}:applied:{instanceId}}</li>
 * </ul>
 * The prefix is configurable (tests use a unique one); default {@value #DEFAULT_PREFIX}. Pipeline names and
 * instance ids are restricted to {@code [A-Za-z0-9._-]+} so keys stay unambiguous.
 *
 * @param prefix key prefix without trailing colon
 */
public record RuleKeys(String prefix) {

    public static final String DEFAULT_PREFIX = "etl:rules";
    public static final RuleKeys DEFAULT = new RuleKeys(DEFAULT_PREFIX);

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

    public RuleKeys {
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.isBlank() || prefix.endsWith(":")) {
            throw new IllegalArgumentException("rule key prefix must be non-blank without trailing ':', was \""
                    + prefix + "\"");
        }
    }

    /** The snapshot key of a pipeline's rules of one kind. */
    public String snapshotKey(String pipeline, RuleKind kind) {
        return prefix + ":" + checkName("pipeline", pipeline) + ":" + kind.jsonName() + ":snapshot";
    }

    /** The single pub/sub channel all notices go to. */
    public String changesChannel() {
        return prefix + ":changes";
    }

    /** The key under which one stage instance reports the version it applied. */
    public String appliedKey(String pipeline, RuleKind kind, String instanceId) {
        return appliedKeyPrefix(pipeline, kind) + checkName("instanceId", instanceId);
    }

    /** A {@code SCAN MATCH} pattern for every instance's report of a pipeline and kind. */
    public String appliedKeyPattern(String pipeline, RuleKind kind) {
        return appliedKeyPrefix(pipeline, kind) + "*";
    }

    private String appliedKeyPrefix(String pipeline, RuleKind kind) {
        return prefix + ":" + checkName("pipeline", pipeline) + ":" + kind.jsonName() + ":applied:";
    }

    /** True when the text may be used as a pipeline name or instance id in keys. */
    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    private static String checkName(String what, String name) {
        if (!isValidName(name)) {
            throw new IllegalArgumentException(what + " must match [A-Za-z0-9._-]+, was \"" + name + "\"");
        }
        return name;
    }
}

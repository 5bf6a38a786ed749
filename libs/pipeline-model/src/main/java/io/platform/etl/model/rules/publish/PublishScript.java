package io.platform.etl.model.rules.publish;

/**
 * The Lua script a publisher runs ({@code EVAL}) to store a snapshot and announce it atomically, only when it is
 * newer than what Redis holds, so a slow or replayed publisher can never move a snapshot backwards.
 * <p>
 * {@code KEYS[1]} = {@link RuleKeys#snapshotKey}, {@code KEYS[2]} = {@link RuleKeys#changesChannel()};
 * {@code ARGV[1]} = snapshot JSON, {@code ARGV[2]} = its version, {@code ARGV[3]} = notice JSON.
 * Returns 1 when stored and published, 0 when the stored version is the same or newer (nothing changed).
 */
public final class PublishScript {

    /** The script text. */
    public static final String LUA = """
            local current = redis.call('GET', KEYS[1])
            if current then
              local ok, decoded = pcall(cjson.decode, current)
              if ok and type(decoded) == 'table' and decoded['version'] ~= nil
                  and tonumber(decoded['version']) >= tonumber(ARGV[2]) then
                return 0
              end
            end
            redis.call('SET', KEYS[1], ARGV[1])
            redis.call('PUBLISH', KEYS[2], ARGV[3])
            return 1
            """;

    private PublishScript() {
    }
}

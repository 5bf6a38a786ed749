package io.platform.etl.platform.commands;

import io.platform.etl.platform.demo.TokenClient;
import io.platform.etl.platform.state.EnvFile;
import java.nio.file.Files;

/** {@code ./platform token reader|writer}: a bearer token for a demo user, alone on stdout. */
public final class Token {

    private Token() {
    }

    public static int run(Context ctx) {
        if (!Files.exists(ctx.paths().infraEnv())) {
            throw new Failure("the platform is not running (no " + ctx.show(ctx.paths().infraEnv()) + "): ./platform up");
        }
        String endpoint = EnvFile.read(ctx.paths().infraEnv()).get("OIDC_TOKEN_ENDPOINT");
        try {
            ctx.out().println(new TokenClient().token(endpoint, ctx.options().target().orElseThrow()));
            return 0;
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new Failure(e.getMessage());
        }
    }
}

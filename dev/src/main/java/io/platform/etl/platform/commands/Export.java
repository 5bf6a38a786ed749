package io.platform.etl.platform.commands;

import io.platform.etl.platform.export.ManifestSummary;
import io.platform.etl.platform.health.TextTable;
import io.platform.etl.platform.infra.InfraSpec;
import io.platform.etl.platform.service.JvmOptions;
import io.platform.etl.platform.service.ServiceCatalog;
import io.platform.etl.platform.service.ServiceEnvironment;
import io.platform.etl.platform.service.ServiceSpec;
import io.platform.etl.platform.service.Spawner;
import io.platform.etl.platform.state.EnvFile;
import io.platform.etl.testkit.FreePort;
import io.platform.etl.testkit.S3Server;
import java.io.IOException;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code ./platform export [--date YYYY-MM-DD]}: runs the price exporter once against the running platform
 * (its output on this terminal), then summarises what is published for that date per client from the run's
 * {@code manifest.json} (or lists the objects when there is no manifest). Exits with the exporter's exit code.
 */
public final class Export {

    static final String MANIFEST = "manifest.json";

    private Export() {
    }

    public static int run(Context ctx) throws InterruptedException {
        if (!Files.exists(ctx.paths().infraEnv())) {
            throw new Failure("the platform is not running (no " + ctx.show(ctx.paths().infraEnv()) + "): ./platform up");
        }
        Map<String, String> infra = EnvFile.read(ctx.paths().infraEnv());
        ServiceSpec exporter = ServiceCatalog.byName("price-exporter");
        List<ServiceSpec> selected = ServiceCatalog.select(ctx.paths().root(), List.of(exporter.name()));
        if (ctx.options().build()) {
            Build.ifNeeded(ctx, selected);
        }
        var module = ctx.paths().module(exporter.name());
        Map<String, String> env = new java.util.LinkedHashMap<>(ServiceEnvironment.exporter(infra, ctx.paths()));
        env.put("EXPORT_MODE", "once");
        env.put("PORT", Integer.toString(FreePort.pick()));
        ctx.options().runDate().ifPresent(d -> env.put("RUN_DATE", d.toString()));
        LocalDate date = ctx.options().runDate().orElse(LocalDate.now(ZoneOffset.UTC));
        List<String> command = new ArrayList<>();
        command.add(ctx.javaBin().toString());
        command.addAll(JvmOptions.of(module));
        command.addAll(List.of("-cp", Spawner.moduleClasspath(module), exporter.mainClass(), "--once"));
        ctx.out().println("export: running price-exporter once for " + date + " …");
        int code;
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(ctx.paths().root().toFile()).inheritIO();
            pb.environment().putAll(env);
            code = pb.start().waitFor();
        } catch (IOException e) {
            throw new Failure("could not start the exporter: " + e.getMessage());
        }
        ctx.out().println("export: exporter exited with code " + code);
        String prefix = env.get("STORAGE_PREFIX") + "/" + date + "/";
        Optional<String> manifest = manifest(infra, prefix);
        if (manifest.isPresent()) {
            ctx.out().println("export: price lists under s3://" + InfraSpec.BUCKET + "/" + prefix);
            ctx.out().print(ManifestSummary.render(manifest.get()));
            return code;
        }
        List<List<String>> rows = list(infra, prefix);
        if (rows.isEmpty()) {
            ctx.out().println("export: nothing published under s3://" + InfraSpec.BUCKET + "/" + prefix);
        } else {
            ctx.out().println("export: objects under s3://" + InfraSpec.BUCKET + "/" + prefix);
            ctx.out().print(TextTable.render(List.of("KEY", "BYTES", "MODIFIED"), rows));
        }
        return code;
    }

    private static Optional<String> manifest(Map<String, String> infra, String prefix) {
        try (S3Client s3 = client(infra)) {
            return Optional.of(s3.getObjectAsBytes(b -> b.bucket(InfraSpec.BUCKET).key(prefix + MANIFEST)).asUtf8String());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    private static S3Client client(Map<String, String> infra) {
        return S3Server.external(infra.get("S3_ENDPOINT"), infra.get("S3_ACCESS_KEY"), infra.get("S3_SECRET_KEY"),
                infra.get("S3_REGION")).client();
    }

    static List<List<String>> list(Map<String, String> infra, String prefix) {
        try (S3Client s3 = client(infra)) {
            List<List<String>> rows = new ArrayList<>();
            for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(InfraSpec.BUCKET).prefix(prefix)).contents()) {
                rows.add(List.of(o.key(), Long.toString(o.size()), String.valueOf(o.lastModified())));
            }
            return rows;
        }
    }
}

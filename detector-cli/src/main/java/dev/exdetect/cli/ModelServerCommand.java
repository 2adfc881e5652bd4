package dev.exdetect.cli;

import dev.exdetect.gateway.StandInModel;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code model-server}: the stand-in model API (a classifier and a chat-completion endpoint with
 * deterministic answers), to put the reference gateway in front of without a real model.
 */
@Command(
        name = "model-server",
        mixinStandardHelpOptions = true,
        description =
                "Run a stand-in model API to try the gateway with: POST /v1/classify (label, confidence, probabilities) and POST /v1/chat/completions (text, optional logprobs). Answers depend only on the input. Runs until Ctrl-C (or --duration).")
public class ModelServerCommand implements Callable<Integer> {
    @Option(
            names = "--listen",
            paramLabel = "HOST:PORT",
            converter = ListenAddress.Converter.class,
            defaultValue = "127.0.0.1:9090",
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    ListenAddress listen;

    @Mixin StopAfterOption stopAfter;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Foreground foreground = new Foreground();
                StandInModel model = StandInModel.start(listen.host(), listen.port())) {
            out.println("model-server: stand-in model API at " + model.uri());
            out.println("  POST " + model.uri() + "/v1/classify          {\"input\": \"text\"}");
            out.println(
                    "  POST "
                            + model.uri()
                            + "/v1/chat/completions  {\"messages\": [...], \"logprobs\": true}");
            out.flush();
            foreground.waitUntilStopped(stopAfter.duration, () -> {}, out);
        }
        return 0;
    }
}

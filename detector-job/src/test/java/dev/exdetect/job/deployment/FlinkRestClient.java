package dev.exdetect.job.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The few calls of Flink's REST API that an operator (or CI) uses to deploy and manage the job:
 * upload a jar, run it, watch checkpoints, stop with a savepoint. Plain HTTP and JSON, as a
 * deployment script would do it.
 */
final class FlinkRestClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    FlinkRestClient(String base) {
        this.base = base;
    }

    /** True when the REST API answers. */
    boolean isUp() throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + "/overview")).GET()).statusCode()
                == 200;
    }

    /** Resource ids of the TaskManagers registered with the JobManager. */
    java.util.Set<String> taskManagerIds() throws IOException, InterruptedException {
        java.util.Set<String> ids = new java.util.HashSet<>();
        get("/taskmanagers").path("taskmanagers").forEach(tm -> ids.add(tm.path("id").asText()));
        return ids;
    }

    /** Uploads a job jar ({@code POST /jars/upload}); returns its jar id. */
    String uploadJar(Path jar) throws IOException, InterruptedException {
        String boundary = "----exdetect" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(
                ("--"
                                + boundary
                                + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                                + jar.getFileName()
                                + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(jar));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        JsonNode answer =
                check(
                        send(
                                HttpRequest.newBuilder(URI.create(base + "/jars/upload"))
                                        .header(
                                                "Content-Type",
                                                "multipart/form-data; boundary=" + boundary)
                                        .POST(
                                                HttpRequest.BodyPublishers.ofByteArray(
                                                        body.toByteArray()))));
        String file = answer.path("filename").asText();
        return file.substring(file.lastIndexOf('/') + 1);
    }

    /**
     * Runs an uploaded jar ({@code POST /jars/:id/run}) with program arguments, a parallelism (the
     * endpoint ignores the cluster's default one) and optionally a savepoint to start from. Returns
     * the job id.
     */
    String runJar(String jarId, List<String> args, int parallelism, String savepointPath)
            throws IOException, InterruptedException {
        ObjectNode request = JSON.createObjectNode();
        var list = request.putArray("programArgsList");
        args.forEach(list::add);
        request.put("parallelism", parallelism);
        if (savepointPath != null) {
            request.put("savepointPath", savepointPath);
            request.put("allowNonRestoredState", false);
        }
        return post("/jars/" + jarId + "/run", request).path("jobid").asText();
    }

    /** The job's details ({@code GET /jobs/:id}). */
    JsonNode job(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId);
    }

    /** True when the job and every one of its tasks is running. */
    boolean allTasksRunning(String jobId) throws IOException, InterruptedException {
        JsonNode job = job(jobId);
        if (!job.path("state").asText().equals("RUNNING")) {
            return false;
        }
        for (JsonNode vertex : job.path("vertices")) {
            JsonNode tasks = vertex.path("tasks");
            int running = tasks.path("RUNNING").asInt() + tasks.path("FINISHED").asInt();
            if (running < vertex.path("parallelism").asInt()) {
                return false;
            }
        }
        return true;
    }

    /** The job's checkpoint statistics ({@code GET /jobs/:id/checkpoints}). */
    JsonNode checkpoints(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId + "/checkpoints");
    }

    /** The job's exception history ({@code GET /jobs/:id/exceptions}). */
    JsonNode exceptions(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId + "/exceptions");
    }

    /**
     * Stops the job with a savepoint in {@code directory} ({@code POST /jobs/:id/stop}) and waits
     * for it; returns the savepoint's path.
     */
    String stopWithSavepoint(String jobId, String directory, Duration timeout) throws Exception {
        ObjectNode request = JSON.createObjectNode();
        request.put("targetDirectory", directory);
        request.put("drain", false);
        String trigger = post("/jobs/" + jobId + "/stop", request).path("request-id").asText();
        String[] location = new String[1];
        FlinkProcesses.await(
                "the savepoint of job " + jobId,
                timeout,
                () -> {
                    JsonNode status = get("/jobs/" + jobId + "/savepoints/" + trigger);
                    if (!status.path("status").path("id").asText().equals("COMPLETED")) {
                        return false;
                    }
                    JsonNode operation = status.path("operation");
                    if (operation.has("failure-cause")) {
                        throw new AssertionError("savepoint failed: " + operation);
                    }
                    location[0] = operation.path("location").asText();
                    return true;
                });
        return location[0];
    }

    /** Cancels the job ({@code PATCH /jobs/:id?mode=cancel}), ignoring errors. */
    void cancelQuietly(String jobId) {
        try {
            send(
                    HttpRequest.newBuilder(URI.create(base + "/jobs/" + jobId + "?mode=cancel"))
                            .method("PATCH", HttpRequest.BodyPublishers.noBody()));
        } catch (Exception e) {
            // the cluster is going away anyway
        }
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        return check(send(HttpRequest.newBuilder(URI.create(base + path)).GET()));
    }

    private JsonNode post(String path, JsonNode body) throws IOException, InterruptedException {
        return check(
                send(
                        HttpRequest.newBuilder(URI.create(base + path))
                                .header("Content-Type", "application/json")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                JSON.writeValueAsString(body)))));
    }

    private HttpResponse<String> send(HttpRequest.Builder request)
            throws IOException, InterruptedException {
        return http.send(
                request.timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode check(HttpResponse<String> response) throws IOException {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(
                    response.request().method()
                            + " "
                            + response.request().uri()
                            + " answered "
                            + response.statusCode()
                            + ": "
                            + response.body());
        }
        return JSON.readTree(response.body());
    }
}

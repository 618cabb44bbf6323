/*
 * A change-password client for Baidu BCC and Huawei DCS in one Java source file, JDK only
 * (java.net.http, JCE for AES and HMAC), speaking the kit's client protocol: a hello line,
 * then one JSON answer per JSON request line (docs/client-protocol.md).
 *
 *   npx conformance run --client-cmd 'java examples/java/ChangePassword.java'
 *
 * The faulty version is this file with one fault switched on (Java 17's single-file launch
 * cannot import a second source file): the DCS canonical URI loses its trailing slash, so
 * every DCS signature mismatches and the kit fails DCS-CLIENT-SIGNATURE.
 *
 *   npx conformance run --client-cmd 'java -Dfault=canonical-uri-without-slash examples/java/ChangePassword.java'
 */
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public class ChangePassword {
    static final String FAULT = System.getProperty("fault", "");
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** Percent-encodes every UTF-8 byte outside A-Z a-z 0-9 - . _ ~ as uppercase %XX. */
    static String uriEncode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    /** Encodes each '/'-separated segment of a decoded path. */
    static String encodePath(String path) {
        List<String> out = new ArrayList<>();
        for (String segment : path.split("/", -1)) out.add(uriEncode(segment));
        return String.join("/", out);
    }

    static String hex(byte[] bytes) { return HexFormat.of().formatHex(bytes); }

    static byte[] hmac(String key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] data) throws Exception { return hex(MessageDigest.getInstance("SHA-256").digest(data)); }

    /** BCC adminPass: AES-128-ECB, key = first 16 characters of the SK, PKCS#7, lowercase hex. */
    static String encryptAdminPass(String password, String secretKey) throws Exception {
        Cipher cipher = Cipher.getInstance("AES/ECB/PKCS5Padding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(secretKey.substring(0, 16).getBytes(StandardCharsets.UTF_8), "AES"));
        return hex(cipher.doFinal(password.getBytes(StandardCharsets.UTF_8)));
    }

    record Prepared(String url, Map<String, String> headers, byte[] body) {}

    /** PUT /v2/instance/{id}?changePass, signed with bce-auth-v1. */
    static Prepared bcc(Map<String, Object> req, ZonedDateTime now) throws Exception {
        @SuppressWarnings("unchecked") Map<String, Object> creds = (Map<String, Object>) req.get("credentials");
        String ak = (String) creds.get("accessKeyId"), sk = (String) creds.get("secretAccessKey");
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("adminPass", encryptAdminPass((String) req.get("newPassword"), sk));
        byte[] body = Json.write(payload).getBytes(StandardCharsets.UTF_8);
        String rawPath = "/v2/instance/" + req.get("instanceId");
        String timestamp = now.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'"));
        URI endpoint = URI.create((String) req.get("endpoint"));
        Map<String, String> headers = new TreeMap<>();
        headers.put("content-length", String.valueOf(body.length));
        headers.put("content-type", "application/json; charset=utf-8");
        headers.put("host", endpoint.getRawAuthority());
        headers.put("x-bce-date", timestamp);
        List<String> lines = new ArrayList<>();
        for (var h : headers.entrySet()) lines.add(uriEncode(h.getKey()) + ":" + uriEncode(h.getValue().trim()));
        lines.sort(null);
        String canonical = String.join("\n", "PUT", encodePath(rawPath), "changePass=", String.join("\n", lines));
        String prefix = "bce-auth-v1/" + ak + "/" + timestamp + "/1800";
        String signature = hex(hmac(hex(hmac(sk, prefix)), canonical));
        String signed = String.join(";", headers.keySet());
        Map<String, String> send = new TreeMap<>(headers);
        send.put("authorization", prefix + "/" + signed + "/" + signature);
        return new Prepared(endpoint.toString().replaceAll("/$", "") + encodePath(rawPath) + "?changePass", send, body);
    }

    /** PUT /v2/{project_id}/instances/{instance_id}/password, signed with SDK-HMAC-SHA256. */
    static Prepared dcs(Map<String, Object> req, ZonedDateTime now) throws Exception {
        @SuppressWarnings("unchecked") Map<String, Object> creds = (Map<String, Object>) req.get("credentials");
        String ak = (String) creds.get("accessKeyId"), sk = (String) creds.get("secretAccessKey");
        String projectId = (String) req.get("projectId");
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("old_password", req.get("oldPassword"));
        payload.put("new_password", req.get("newPassword"));
        byte[] body = Json.write(payload).getBytes(StandardCharsets.UTF_8);
        String rawPath = "/v2/" + projectId + "/instances/" + req.get("instanceId") + "/password";
        String date = now.format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"));
        URI endpoint = URI.create((String) req.get("endpoint"));
        Map<String, String> headers = new TreeMap<>();
        headers.put("content-type", "application/json;charset=UTF-8");
        headers.put("host", endpoint.getRawAuthority());
        headers.put("x-project-id", projectId);
        headers.put("x-sdk-date", date);
        StringBuilder block = new StringBuilder();
        for (var h : headers.entrySet()) block.append(h.getKey()).append(':').append(h.getValue().trim()).append('\n');
        String signed = String.join(";", headers.keySet());
        String uri = encodePath(rawPath);
        // The canonical URI always ends in "/" (the fault below forgets it).
        if (!uri.endsWith("/") && !FAULT.equals("canonical-uri-without-slash")) uri = uri + "/";
        String canonical = String.join("\n", "PUT", uri, "", block.toString(), signed, sha256(body));
        String stringToSign = "SDK-HMAC-SHA256\n" + date + "\n" + sha256(canonical.getBytes(StandardCharsets.UTF_8));
        Map<String, String> send = new TreeMap<>(headers);
        send.put("authorization", "SDK-HMAC-SHA256 Access=" + ak + ", SignedHeaders=" + signed + ", Signature=" + hex(hmac(sk, stringToSign)));
        return new Prepared(endpoint.toString().replaceAll("/$", "") + encodePath(rawPath), send, body);
    }

    /** Sends one change and maps what came back to a protocol answer. */
    static Map<String, Object> changePassword(Map<String, Object> req) throws Exception {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        Prepared p = "bcc".equals(req.get("service")) ? bcc(req, now) : dcs(req, now);
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(p.url())).timeout(Duration.ofSeconds(10))
            .PUT(HttpRequest.BodyPublishers.ofByteArray(p.body()));
        // host and content-length are set by the HTTP client itself, with the values signed above.
        for (var h : p.headers().entrySet()) if (!h.getKey().equals("host") && !h.getKey().equals("content-length")) builder.header(h.getKey(), h.getValue());
        HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        Map<String, Object> answer = new LinkedHashMap<>();
        Object body = response.body().isBlank() ? null : parseOrText(response.body());
        answer.put("outcome", response.statusCode() < 400 ? "success" : "error");
        answer.put("status", response.statusCode());
        if (response.statusCode() >= 400 && body instanceof Map<?, ?> error) {
            Object code = error.containsKey("code") ? error.get("code") : error.get("error_code");
            Object message = error.containsKey("message") ? error.get("message") : error.get("error_msg");
            if (code instanceof String) answer.put("code", code);
            if (message instanceof String) answer.put("message", message);
        }
        if (body != null) answer.put("body", body);
        return answer;
    }

    static Object parseOrText(String text) {
        try { return Json.parse(text); } catch (RuntimeException e) { return text; }
    }

    static void say(Map<String, Object> message) {
        System.out.println(Json.write(message));
        System.out.flush();
    }

    public static void main(String[] args) throws Exception {
        Map<String, Object> hello = new LinkedHashMap<>();
        hello.put("type", "hello");
        hello.put("protocol", 1);
        hello.put("name", FAULT.isEmpty() ? "java-jdk example" : "java-jdk example (faulty: " + FAULT + ")");
        hello.put("services", List.of("bcc", "dcs"));
        hello.put("operations", List.of("changePassword"));
        say(hello);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            if (line.isBlank()) continue;
            @SuppressWarnings("unchecked") Map<String, Object> req = (Map<String, Object>) Json.parse(line);
            Map<String, Object> answer;
            try {
                answer = changePassword(req);
            } catch (Exception e) {
                answer = new LinkedHashMap<>();
                answer.put("outcome", "exception");
                answer.put("name", e.getClass().getSimpleName());
                answer.put("message", String.valueOf(e.getMessage()));
            }
            answer.put("id", req.get("id"));
            say(answer);
        }
    }

    /** Just enough JSON for the protocol: objects, arrays, strings, numbers, booleans, null. */
    static final class Json {
        private final String s;
        private int i;
        private Json(String s) { this.s = s; }

        static Object parse(String text) {
            Json p = new Json(text);
            Object v = p.value();
            p.ws();
            if (p.i != text.length()) throw new IllegalArgumentException("trailing text at " + p.i);
            return v;
        }

        private void ws() { while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++; }

        private Object value() {
            ws();
            if (i >= s.length()) throw new IllegalArgumentException("unexpected end");
            char c = s.charAt(i);
            if (c == '{') {
                Map<String, Object> m = new LinkedHashMap<>();
                i++; ws();
                if (s.charAt(i) == '}') { i++; return m; }
                while (true) {
                    ws(); String k = string(); ws(); expect(':');
                    m.put(k, value()); ws();
                    if (s.charAt(i) == ',') { i++; continue; }
                    expect('}'); return m;
                }
            }
            if (c == '[') {
                List<Object> l = new ArrayList<>();
                i++; ws();
                if (s.charAt(i) == ']') { i++; return l; }
                while (true) {
                    l.add(value()); ws();
                    if (s.charAt(i) == ',') { i++; continue; }
                    expect(']'); return l;
                }
            }
            if (c == '"') return string();
            if (s.startsWith("true", i)) { i += 4; return Boolean.TRUE; }
            if (s.startsWith("false", i)) { i += 5; return Boolean.FALSE; }
            if (s.startsWith("null", i)) { i += 4; return null; }
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
            if (start == i) throw new IllegalArgumentException("unexpected '" + c + "' at " + i);
            return new BigDecimal(s.substring(start, i));
        }

        private void expect(char c) {
            if (i >= s.length() || s.charAt(i) != c) throw new IllegalArgumentException("expected '" + c + "' at " + i);
            i++;
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') return b.toString();
                if (c != '\\') { b.append(c); continue; }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> { b.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; }
                    default -> b.append(e);
                }
            }
        }

        static String write(Object v) {
            if (v == null) return "null";
            if (v instanceof String str) {
                StringBuilder b = new StringBuilder("\"");
                for (char c : str.toCharArray()) {
                    if (c == '"' || c == '\\') b.append('\\').append(c);
                    else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
                return b.append('"').toString();
            }
            if (v instanceof Map<?, ?> m) {
                List<String> parts = new ArrayList<>();
                for (var e : m.entrySet()) parts.add(write(String.valueOf(e.getKey())) + ":" + write(e.getValue()));
                return "{" + String.join(",", parts) + "}";
            }
            if (v instanceof List<?> l) {
                List<String> parts = new ArrayList<>();
                for (Object o : l) parts.add(write(o));
                return "[" + String.join(",", parts) + "]";
            }
            return v.toString();
        }
    }
}

package io.palimpsest.security;

import io.palimpsest.common.Ids;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.util.UriComponentsBuilder;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Refuses, before any controller runs, a body over its size limit ({@code 413}; an import may be larger
 * than an edit), a textual body that is not valid UTF-8, and query parameters that break {@link TextRules}
 * ({@code 400}). The body is read once, up to the limit, and handed on from memory.
 */
final class RequestBodyLimits extends OncePerRequestFilter {

    private final InputLimits limits;
    private final TextRules rules;
    private final HandlerExceptionResolver problems;

    RequestBodyLimits(InputLimits limits, HandlerExceptionResolver problems) {
        this.limits = limits;
        this.rules = new TextRules(limits);
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpServletRequest checked;
        try {
            checkQuery(request);
            checked = withCheckedBody(request);
        } catch (BodyTooLarge | Ids.BadRequest refused) {
            problems.resolveException(request, response, null, refused);
            return;
        }
        chain.doFilter(checked, response);
    }

    private void checkQuery(HttpServletRequest request) {
        if (request.getQueryString() != null) {
            UriComponentsBuilder.newInstance().query(request.getQueryString()).build().getQueryParams()
                    .forEach((name, values) -> values.forEach(value -> rules.checkParameter(name, decoded(value))));
        }
    }

    private static String decoded(String value) {
        try {
            return value == null ? "" : URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new Ids.BadRequest("The query string is not well-formed: " + e.getMessage());
        }
    }

    private HttpServletRequest withCheckedBody(HttpServletRequest request) throws IOException {
        boolean isImport = request.getRequestURI().endsWith("/import");
        DataSize limit = isImport ? limits.importBody() : limits.requestBody();
        String what = isImport ? "an import" : "a request";
        if (request.getContentLengthLong() > limit.toBytes()) {
            throw new BodyTooLarge(what, limit);
        }
        byte[] body = request.getInputStream().readNBytes((int) limit.toBytes() + 1);
        if (body.length > limit.toBytes()) {
            throw new BodyTooLarge(what, limit);
        }
        if (declaresUtf8Text(request.getContentType())) {
            checkUtf8(body);
        }
        return new BodyInMemory(request, body);
    }

    /** JSON is UTF-8 by definition (RFC 8259); other text is when it names no other charset. */
    private static boolean declaresUtf8Text(String contentType) {
        if (contentType == null) {
            return false;
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (IllegalArgumentException e) {
            return false; // the converters answer 415 for an unreadable content type
        }
        boolean textual = "text".equals(type.getType()) || "json".equals(type.getSubtype())
                || type.getSubtype().endsWith("+json");
        return textual && (type.getCharset() == null || StandardCharsets.UTF_8.equals(type.getCharset()));
    }

    private static void checkUtf8(byte[] body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.wrap(body);
        try {
            decoder.decode(bytes);
        } catch (CharacterCodingException e) {
            throw new Ids.BadRequest("The body is not valid UTF-8 (at byte " + bytes.position() + ")");
        }
    }

    private static final class BodyInMemory extends HttpServletRequestWrapper {

        private final byte[] body;

        BodyInMemory(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("The body is already in memory");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String charset = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(),
                    charset == null ? StandardCharsets.UTF_8 : Charset.forName(charset)));
        }
    }
}

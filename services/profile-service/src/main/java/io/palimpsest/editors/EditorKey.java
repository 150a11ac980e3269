package io.palimpsest.editors;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * An editor's pseudonymous id and the AES key their name is sealed with in the events' metadata (AES-GCM, a fresh
 * nonce per sealing, kept in front of the ciphertext). The key lives in {@link EditorKeys}, apart from the events:
 * deleting it leaves every sealed copy of the name unreadable.
 */
record EditorKey(String editorId, SecretKey key) {

    static final String ID_PREFIX = "editor-";
    private static final String ERASED_PREFIX = "erased-";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    static EditorKey generate() {
        byte[] id = new byte[12];
        RANDOM.nextBytes(id);
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, RANDOM);
            return new EditorKey(ID_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(id),
                    generator.generateKey());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every JVM has AES", e);
        }
    }

    static EditorKey of(String editorId, byte[] key) {
        return new EditorKey(editorId, new SecretKeySpec(key, "AES"));
    }

    /** What every event of an erased editor shows instead of the name: the same for all of their events. */
    static String pseudonymOf(String editorId) {
        return ERASED_PREFIX + editorId;
    }

    /** The name as it is stored in an event's metadata: nonce and ciphertext, base64. */
    String seal(String name) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed = run(Cipher.ENCRYPT_MODE, nonce, name.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce)
                .put(sealed).array());
    }

    String open(String sealed) {
        byte[] bytes = Base64.getDecoder().decode(sealed);
        byte[] nonce = new byte[NONCE_BYTES];
        System.arraycopy(bytes, 0, nonce, 0, NONCE_BYTES);
        byte[] ciphertext = new byte[bytes.length - NONCE_BYTES];
        System.arraycopy(bytes, NONCE_BYTES, ciphertext, 0, ciphertext.length);
        return new String(run(Cipher.DECRYPT_MODE, nonce, ciphertext), StandardCharsets.UTF_8);
    }

    private byte[] run(int mode, byte[] nonce, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(editorId.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot " + (mode == Cipher.ENCRYPT_MODE ? "seal" : "open")
                    + " the name of " + editorId, e);
        }
    }
}

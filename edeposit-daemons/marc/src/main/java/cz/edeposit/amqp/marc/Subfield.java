package cz.edeposit.amqp.marc;

import java.util.Objects;

/**
 * One subfield of a data field: its one-character code ({@code label} in OAI-MARC, {@code code}
 * in MARC XML) and its whitespace-trimmed value.
 */
public record Subfield(String code, String value) {

    public Subfield {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(value, "value");
    }
}

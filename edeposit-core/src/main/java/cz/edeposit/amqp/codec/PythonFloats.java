package cz.edeposit.amqp.codec;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python 2.7's {@code repr(float)}, which {@code json.dumps} uses for float values and float
 * dictionary keys: shortest round-trip digits, exponent form only below 1e-4 or from 1e16 up.
 *
 * <p>The value alone would satisfy peers, but float keys are strings, where {@code "1e+16"} and
 * Java's {@code "1.0E16"} differ.
 */
final class PythonFloats {

    // Java's shortest form never has fewer than two digits and then picks the closest two
    // (4.9e-324); Python takes a single digit whenever one reads back (5e-324).
    private static final MathContext ONE_DIGIT = new MathContext(1, RoundingMode.HALF_EVEN);

    private PythonFloats() {
    }

    static String repr(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        // Jackson's Schubfach writer, unlike Java 17's Double.toString, gives the shortest digits.
        BigDecimal decimal = new BigDecimal(NumberOutput.toString(value, true)).stripTrailingZeros();
        BigDecimal oneDigit = decimal.round(ONE_DIGIT);
        return format(oneDigit.doubleValue() == value ? oneDigit : decimal, value);
    }

    static String repr(float value) {
        if (Float.isNaN(value) || Float.isInfinite(value)) {
            return repr((double) value);
        }
        // A Java float stands for the decimal it was written as (1.1f means 1.1), not its binary value.
        BigDecimal decimal = new BigDecimal(NumberOutput.toString(value, true)).stripTrailingZeros();
        BigDecimal oneDigit = decimal.round(ONE_DIGIT);
        return format(oneDigit.floatValue() == value ? oneDigit : decimal, value);
    }

    private static String format(BigDecimal decimal, double value) {
        String digits = decimal.unscaledValue().abs().toString();
        int point = digits.length() - decimal.scale(); // value = 0.DIGITS * 10^point
        StringBuilder out = new StringBuilder();
        if (value < 0 || (value == 0 && 1 / value < 0)) {
            out.append('-');
        }
        if (decimal.signum() == 0) {
            return out.append("0.0").toString();
        }
        if (point > 16 || point < -3) {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            int exponent = point - 1;
            out.append(exponent < 0 ? "e-" : "e+");
            if (Math.abs(exponent) < 10) {
                out.append('0');
            }
            return out.append(Math.abs(exponent)).toString();
        }
        if (point <= 0) {
            return out.append("0.").append("0".repeat(-point)).append(digits).toString();
        }
        if (point >= digits.length()) {
            return out.append(digits).append("0".repeat(point - digits.length())).append(".0").toString();
        }
        return out.append(digits, 0, point).append('.').append(digits, point, digits.length()).toString();
    }
}

package cz.edeposit.amqp.codec;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a record the {@code __nt_name} it has on the wire when that differs from its Java simple
 * name, e.g. because two modules' structures share a Python name but live in one Java package.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface NtName {

    /** The wire name, exactly as the Python peers spell it. */
    String value();
}

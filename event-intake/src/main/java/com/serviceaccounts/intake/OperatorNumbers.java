package com.serviceaccounts.intake;

import com.serviceaccounts.security.edge.StrictParameters;
import java.util.Collection;
import java.util.Set;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.converter.GenericConverter;

/**
 * The operators' numbers (a parked record's id, a limit, a partition and offset) read as the APIs
 * read them ({@link StrictParameters}): a sign and ASCII digits. The actuator's own conversion
 * reads {@code #16} and {@code 0x10} as hexadecimal, {@code +16}, {@code " 16"} and full-width
 * digits as 16, so that {@code DELETE /actuator/parked/#16}, copied from a reason that says "waits
 * behind parked record #16", discarded record 22; and it took the first of a number given twice
 * ({@code limit=1&limit=2}). Registered as the actuator's converters ({@link
 * EventIntakeAutoConfiguration}); a value they refuse is a 400 naming it ({@link
 * OperatorParameterProblems}).
 */
final class OperatorNumbers {

  private OperatorNumbers() {}

  /** A {@code long} in the APIs' form. */
  static final class ToLong implements Converter<String, Long> {
    @Override
    public Long convert(String text) {
      return Long.valueOf(whole(text));
    }
  }

  /** An {@code int} in the APIs' form. */
  static final class ToInteger implements Converter<String, Integer> {
    @Override
    public Integer convert(String text) {
      return Integer.valueOf(whole(text));
    }
  }

  /**
   * A number given more than once: the actuator hands it over as a list, which the conversion would
   * read as its first value.
   */
  static final class GivenOnce implements GenericConverter {
    @Override
    public Set<ConvertiblePair> getConvertibleTypes() {
      return Set.of(
          new ConvertiblePair(Collection.class, Long.class),
          new ConvertiblePair(Collection.class, Integer.class));
    }

    @Override
    public Object convert(Object values, TypeDescriptor sourceType, TypeDescriptor targetType) {
      throw new IllegalArgumentException("given more than once");
    }
  }

  private static String whole(String text) {
    if (!StrictParameters.whole(text)) {
      throw new IllegalArgumentException("not a whole number in ASCII digits");
    }
    return text;
  }
}

package dev.hotpatch.diff;

import static org.assertj.core.api.Assertions.fail;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonFormTest {

  @Test
  void reloadPlanIsMadeOfRecordsEnumsListsMapsAndStrings() {
    assertPlain(ReloadPlan.class, "ReloadPlan");
  }

  private static void assertPlain(Type type, String path) {
    if (type == String.class || type == boolean.class) {
      return;
    }
    if (type instanceof Class<?> && ((Class<?>) type).isEnum()) {
      return;
    }
    if (type instanceof Class<?> && ((Class<?>) type).isRecord()) {
      for (RecordComponent c : ((Class<?>) type).getRecordComponents()) {
        assertPlain(c.getGenericType(), path + "." + c.getName());
      }
      return;
    }
    if (type instanceof ParameterizedType) {
      ParameterizedType p = (ParameterizedType) type;
      Type[] args = p.getActualTypeArguments();
      if (p.getRawType() == List.class) {
        assertPlain(args[0], path + "[]");
        return;
      }
      if (p.getRawType() == Map.class && args[0] == String.class) {
        assertPlain(args[1], path + "{}");
        return;
      }
    }
    fail(path + " has type " + type.getTypeName() + ", which is not plain JSON material");
  }
}

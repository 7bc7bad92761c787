package com.serviceaccounts.ui.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.serviceaccounts.contract.query.ServiceAccountStats.DayChanges;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActivityBarsTest {

  @Test
  void theBusiestDayFillsTheHeightAndEveryDayHasItsSlot() {
    LocalDate day = LocalDate.of(2026, 11, 1);
    List<ActivityController.Bar> bars =
        ActivityController.bars(
            List.of(
                new DayChanges(day, 0),
                new DayChanges(day.plusDays(1), 4),
                new DayChanges(day.plusDays(2), 2)));

    assertThat(bars).extracting(ActivityController.Bar::changes).containsExactly(0L, 4L, 2L);
    assertThat(bars.get(0).height()).isZero();
    assertThat(bars.get(1).height()).isEqualTo(ActivityController.HEIGHT);
    assertThat(bars.get(1).y()).isZero();
    assertThat(bars.get(2).height()).isCloseTo(ActivityController.HEIGHT / 2.0, within(1e-9));
    assertThat(bars.get(2).x() + bars.get(2).width()).isLessThan(ActivityController.WIDTH);
  }

  @Test
  void aRangeWithoutChangesDrawsNoBarHeight() {
    List<ActivityController.Bar> bars =
        ActivityController.bars(List.of(new DayChanges(LocalDate.of(2026, 11, 1), 0)));
    assertThat(bars).singleElement().extracting(ActivityController.Bar::height).isEqualTo(0.0);
  }
}

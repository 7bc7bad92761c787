package com.serviceaccounts.ui.pages;

import com.serviceaccounts.contract.query.ServiceAccountStats;
import com.serviceaccounts.contract.query.ServiceAccountStats.DayChanges;
import com.serviceaccounts.ui.api.ServiceAccountsApi;
import com.serviceaccounts.ui.signin.SignedInUser;
import com.serviceaccounts.ui.signin.SignedInUsers;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The company's service accounts at a glance: counts by status and app type, and the changes of the
 * last 30 days as a bar chart (an SVG drawn here, with the same figures as a table), and for those
 * who may read the audit trail, each chain's newest signed checkpoint and whether the trail
 * verifies up to it.
 */
@Controller
class ActivityController {

  /** The chart's drawing area in SVG units; it scales to the page's width. */
  static final int WIDTH = 600;

  static final int HEIGHT = 160;

  private final ServiceAccountsApi api;

  ActivityController(ServiceAccountsApi api) {
    this.api = api;
  }

  /** Where a signed-in user starts: their company's accounts, or a choice of companies. */
  @GetMapping("/")
  String home(Model model) {
    SignedInUser user = SignedInUsers.current();
    if (user.companyIds().size() == 1) {
      return "redirect:/companies/" + user.companyIds().iterator().next() + "/service-accounts";
    }
    model.addAttribute("companies", user.companyIds());
    return "companies";
  }

  @PreAuthorize("@pageAccess.canRead(authentication, #companyId)")
  @GetMapping("/companies/{companyId}/activity")
  String activity(@PathVariable UUID companyId, Model model) {
    ServiceAccountStats stats = api.stats(companyId);
    model.addAttribute("companyId", companyId);
    model.addAttribute("stats", stats);
    model.addAttribute("bars", bars(stats.changesPerDay()));
    model.addAttribute(
        "checkpoints",
        SignedInUsers.current().canManage(companyId) ? api.checkpoints(companyId) : List.of());
    model.addAttribute("width", WIDTH);
    model.addAttribute("height", HEIGHT);
    model.addAttribute(
        "total", stats.changesPerDay().stream().mapToLong(DayChanges::changes).sum());
    return "activity";
  }

  /** One bar per day, scaled so that the busiest day fills the height. */
  record Bar(String day, long changes, double x, double y, double width, double height) {}

  static List<Bar> bars(List<DayChanges> days) {
    long max = Math.max(1, days.stream().mapToLong(DayChanges::changes).max().orElse(1));
    double slot = days.isEmpty() ? WIDTH : (double) WIDTH / days.size();
    return IntStream.range(0, days.size())
        .mapToObj(
            i -> {
              DayChanges day = days.get(i);
              double height = (double) HEIGHT * day.changes() / max;
              return new Bar(
                  day.day().toString(),
                  day.changes(),
                  i * slot + slot * 0.15,
                  HEIGHT - height,
                  slot * 0.7,
                  height);
            })
        .toList();
  }
}

package com.serviceaccounts.ui.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.MockMvc;

/** Without the development sign-in add-on the UI starts, says so, and signs nobody in. */
@SpringBootTest
@AutoConfigureMockMvc
class SignInWithoutDevSignInTest {

  @Autowired MockMvc mvc;
  @Autowired ApplicationContext context;

  @Test
  void theSignInPageSaysSignInIsNotSetUpAndRefusesEveryAttempt() throws Exception {
    assertThat(context.getBeanNamesForType(UserTokens.class)).isEmpty();

    mvc.perform(get("/sign-in"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("id=\"sign-in-unavailable\"")));
    mvc.perform(
            post("/sign-in")
                .with(csrf())
                .param("email", "alice@acme.example")
                .param("companyId", UUID.randomUUID().toString())
                .param("adminLevel", "ADMIN")
                .param("directoryLevel", "ADMIN"))
        .andExpect(status().isNotFound())
        .andExpect(content().string(containsString("id=\"sign-in-unavailable\"")));
  }
}

package com.serviceaccounts.command.personaldata;

import com.serviceaccounts.security.personaldata.DataKeysApi;
import java.net.URI;
import java.util.Objects;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The data keys, for the system's own services ({@code /internal}, a service credential): the only
 * way a key leaves this service's database. query-service opens contact emails with them as it
 * answers; a purged account's key is gone here, and so is the email everywhere ({@link
 * DataKeysApi}).
 */
@RestController
class DataKeysController {

  private final JdbcKeyStore keys;

  DataKeysController(JdbcKeyStore keys) {
    this.keys = keys;
  }

  @PostMapping(
      path = DataKeysApi.PATH,
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  DataKeysApi.Keys lookup(@RequestBody DataKeysApi.Lookup lookup) {
    if (lookup.accountIds() == null
        || lookup.accountIds().size() > DataKeysApi.MAX_ACCOUNTS
        || lookup.accountIds().stream().anyMatch(Objects::isNull)) {
      ProblemDetail problem =
          ProblemDetail.forStatusAndDetail(
              HttpStatus.BAD_REQUEST,
              "accountIds is a list of 0 to "
                  + DataKeysApi.MAX_ACCOUNTS
                  + " account ids, without null");
      problem.setType(URI.create("urn:service-accounts:problem:invalid-field"));
      problem.setTitle("Invalid field");
      throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }
    return DataKeysApi.Keys.of(keys.findAll(lookup.accountIds()));
  }
}

package com.serviceaccounts.token;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(
    packages = "com.serviceaccounts.token",
    importOptions = ImportOption.DoNotIncludeTests.class)
class TokenServiceArchitectureTest {

  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching("com.serviceaccounts.token.(*)..").should().beFreeOfCycles();

  /** The store knows nothing of OAuth: it is fed by events and read by the authorization server. */
  @ArchTest
  static final ArchRule theCredentialsStoreDoesNotKnowTheAuthorizationServer =
      noClasses()
          .that()
          .resideInAPackage("..token.credentials..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("..token.authorization..", "org.springframework.security..");

  /** Kafka is written by the reporting package only (and by the intake, for its dead letters). */
  @ArchTest
  static final ArchRule onlyReportingWritesToTheReportTopics =
      noClasses()
          .that()
          .resideOutsideOfPackage("..token.reporting..")
          .and()
          .resideOutsideOfPackage("..token.credentials..")
          .should()
          .dependOnClassesThat()
          .haveFullyQualifiedName("org.springframework.kafka.core.KafkaTemplate");
}

package com.serviceaccounts.query;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Capabilities stay apart, and only the intake knows that events come from Kafka. */
@AnalyzeClasses(
    packages = "com.serviceaccounts.query",
    importOptions = ImportOption.DoNotIncludeTests.class)
class QueryServiceArchitectureTest {

  @ArchTest
  static final ArchRule listingDoesNotReachIntoTheAuditTrail =
      noClasses()
          .that()
          .resideInAPackage("..query.listing..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("..query.audit..");

  @ArchTest
  static final ArchRule auditTrailDoesNotReachIntoTheListing =
      noClasses()
          .that()
          .resideInAPackage("..query.audit..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("..query.listing..");

  @ArchTest
  static final ArchRule theIntakeKnowsNoProjection =
      noClasses()
          .that()
          .resideInAPackage("..query.intake..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("..query.listing..", "..query.audit..", "..query.web..");

  @ArchTest
  static final ArchRule onlyTheIntakeTalksToKafka =
      noClasses()
          .that()
          .resideOutsideOfPackage("..query.intake..")
          // Signed audit checkpoints go to a topic of their own: that one class sends them.
          .and()
          .doNotHaveSimpleName("CheckpointTopic")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.apache.kafka..", "org.springframework.kafka..", "io.cloudevents..");

  @ArchTest
  static final ArchRule theWebLayerKnowsNoCapability =
      noClasses()
          .that()
          .resideInAPackage("..query.web..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("..query.listing..", "..query.audit..", "..query.intake..");

  /**
   * command-service's data is read through its API only, by the rebuild's source and the contact
   * emails, never by a projection or the web layer.
   */
  @ArchTest
  static final ArchRule onlyTheIntakeAndThePersonalDataReadCommandService =
      noClasses()
          .that()
          .resideOutsideOfPackages(
              "..query.intake..", "..query.personaldata..", "..query.commandservice..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("..query.commandservice..");

  @ArchTest
  static final ArchRule theCommandServiceClientKnowsNothingOfThisService =
      noClasses()
          .that()
          .resideInAPackage("..query.commandservice..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "..query.intake..",
              "..query.listing..",
              "..query.audit..",
              "..query.personaldata..",
              "..query.web..",
              "org.springframework.jdbc..",
              "java.sql..");

  /** Contact emails are opened as they are read, with keys asked for, never kept or stored. */
  @ArchTest
  static final ArchRule personalDataIsNotStoredHere =
      noClasses()
          .that()
          .resideInAPackage("..query.personaldata..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.springframework.jdbc..", "java.sql..", "javax.sql..");
}

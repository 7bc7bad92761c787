package com.serviceaccounts.command;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The aggregate decides without I/O, only the publisher talks to Kafka, and the packages form no
 * cycle.
 */
@AnalyzeClasses(
    packages = "com.serviceaccounts.command",
    importOptions = ImportOption.DoNotIncludeTests.class)
class CommandServiceArchitectureTest {

  @ArchTest
  static final ArchRule packagesFormNoCycle =
      slices().matching("com.serviceaccounts.command.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule theAggregateDoesNoIo =
      noClasses()
          .that()
          .haveSimpleName("ServiceAccount")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.springframework.jdbc..",
              "org.springframework.kafka..",
              "java.net..",
              "java.sql..");

  @ArchTest
  static final ArchRule onlyThePublisherTalksToKafka =
      noClasses()
          .that()
          .resideOutsideOfPackage("..command.publishing..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.apache.kafka..", "org.springframework.kafka..", "io.cloudevents..");

  @ArchTest
  static final ArchRule thePublisherKnowsNoCapability =
      noClasses()
          .that()
          .resideInAPackage("..command.publishing..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("..command.serviceaccount..");

  /**
   * What other services read of this one's data (the event stream, the data keys) is served from
   * the stores, never from the aggregate or the publisher.
   */
  @ArchTest
  static final ArchRule theInternalApiKnowsNoAggregateNorPublisher =
      noClasses()
          .that()
          .resideInAnyPackage("..command.eventstream..", "..command.personaldata..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("..command.serviceaccount..", "..command.publishing..");
}

# The image of one service (or the web UI), for docker-compose.yml and the Kubernetes manifests.
# Build the jars first (./mvnw -DskipTests package), then, from the repository's root:
#   docker build --build-arg MODULE=query-service --build-arg PORT=8081 -t query-service .
FROM eclipse-temurin:17-jre
ARG MODULE
ARG PORT=8080
RUN test -n "$MODULE" || (echo "--build-arg MODULE=<command-service|query-service|token-service|web-ui> is required" && false)
RUN useradd --system --uid 10001 app
USER app
WORKDIR /app
COPY ${MODULE}/target/${MODULE}.jar app.jar
# Axon's update check is in command-service only; the other images carry the setting unused.
ENV AXONIQ_UPDATE_CHECKER_DISABLED=true \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
EXPOSE ${PORT}
ENTRYPOINT ["java", "-jar", "/app/app.jar"]

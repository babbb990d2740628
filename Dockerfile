# MockAccounts: every vendor's account endpoints plus the admin API on port 8080.
#   docker build -t mockaccounts .
#   docker run -p 8080:8080 mockaccounts
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files alone, so code edits reuse the restore layer.
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/MockAccounts.Core/MockAccounts.Core.csproj src/MockAccounts.Core/
COPY src/MockAccounts.Server/MockAccounts.Server.csproj src/MockAccounts.Server/
# ReadyToRun needs a runtime identifier (this machine's architecture) and the crossgen pack at restore.
RUN dotnet restore src/MockAccounts.Server/MockAccounts.Server.csproj -p:PublishReadyToRun=true \
      -r linux-$(uname -m | sed 's/x86_64/x64/;s/aarch64/arm64/')
COPY schemas/ schemas/
COPY mocks/ mocks/
COPY src/MockAccounts.Core/ src/MockAccounts.Core/
COPY src/MockAccounts.Server/ src/MockAccounts.Server/
# ReadyToRun: precompiled code starts about 0.4 s sooner than JIT-only (docs/performance.md).
RUN dotnet publish src/MockAccounts.Server/MockAccounts.Server.csproj -c Release --no-restore -o /app \
      -r linux-$(uname -m | sed 's/x86_64/x64/;s/aarch64/arm64/') --self-contained false -p:PublishReadyToRun=true \
 && rm -f /app/*.pdb

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
# Prove the built-in contracts once, here: containers then start on the cached proof (no NJsonSchema at start-up).
ENV MOCKACCOUNTS_PROOF_CACHE=/app/proofs
RUN ["/app/MockAccounts.Server", "--prove"]
# The base image's non-root "app" user (uid 1654).
USER $APP_UID
ENV ASPNETCORE_HTTP_PORTS=8080 \
    MockAccounts__HotReload=true
EXPOSE 8080
# The server's own probe mode: no curl or wget in the image.
HEALTHCHECK --interval=3s --timeout=3s --start-period=15s --retries=3 \
  CMD ["/app/MockAccounts.Server", "--probe"]
ENTRYPOINT ["/app/MockAccounts.Server"]

# ecslint as a container image: `docker run --rm -v "$PWD:/src" ecslint [OPTIONS] [PATH...]`.
#
# Stage 1 builds with the official Swift image; stage 2 is a distroless base (glibc and the C++
# runtime, no shell, no package manager) holding the binary alone, run as a non-root user. Both
# are Debian 12, so the glibc the binary was linked against is the one it runs on.
# Build: docker build --build-arg ECSLINT_COMMIT="$(git rev-parse --short=12 HEAD)" -t ecslint .

ARG SWIFT_VERSION=6.3

FROM swift:${SWIFT_VERSION}-bookworm AS build
WORKDIR /build
COPY Package.swift ./
COPY Sources ./Sources
# The manifest names the test targets, whose folders must exist to build any product.
COPY Tests ./Tests
# The commit shown by `ecslint --version` (optional: a build without it prints the version alone).
ARG ECSLINT_COMMIT=""
RUN if [ -n "${ECSLINT_COMMIT}" ]; then \
      sed -i "s/let buildCommit: String? = nil/let buildCommit: String? = \"${ECSLINT_COMMIT}\"/" Sources/ecslint/BuildCommit.swift; \
    fi \
    && swift build -c release --product ecslint \
    && install -D -m 0755 "$(swift build -c release --show-bin-path)/ecslint" /out/ecslint \
    && strip /out/ecslint

FROM gcr.io/distroless/cc-debian12:nonroot
COPY --from=build /out/ecslint /usr/local/bin/ecslint
WORKDIR /src
# The distroless "nonroot" user, by number so that runtimes can check it is not root.
USER 65532:65532
ENTRYPOINT ["ecslint"]

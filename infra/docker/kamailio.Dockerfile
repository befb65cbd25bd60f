# Kamailio 5.6 from Debian bookworm's packages, as the local tests use it.
FROM debian:bookworm-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      kamailio kamailio-extra-modules kamailio-utils-modules kamailio-postgres-modules \
 && rm -rf /var/lib/apt/lists/*
COPY infra/kamailio/kamailio.cfg /etc/kamailio/kamailio.cfg
EXPOSE 5060/udp 5071/tcp
CMD ["kamailio", "-f", "/etc/kamailio/kamailio.cfg", "-DD", "-E", "-Y", "/tmp", "-w", "/tmp"]

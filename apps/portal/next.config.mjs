/** @type {import('next').NextConfig} */
const config = {
  poweredByHeader: false,
  reactStrictMode: true,
  // The workspace's ESLint run (npm test) covers the portal; next build only compiles and type-checks.
  eslint: { ignoreDuringBuilds: true },
  // Porting documents are uploaded through a server action: room for the API's largest document
  // (PORTING_DOCUMENT_MAX_BYTES, 10 MiB by default) and the multipart framing; the API judges the size.
  experimental: { serverActions: { bodySizeLimit: '25mb' } },
};

export default config;

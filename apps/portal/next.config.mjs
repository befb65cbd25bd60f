/** @type {import('next').NextConfig} */
const config = {
  poweredByHeader: false,
  reactStrictMode: true,
  // The workspace's ESLint run (npm test) covers the portal; next build only compiles and type-checks.
  eslint: { ignoreDuringBuilds: true },
};

export default config;

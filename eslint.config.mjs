import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier";

const config = [
  ...nextVitals,
  ...nextTs,
  // Formatting is Prettier's (prettier.config.mjs); ESLint keeps to correctness.
  prettier,
  {
    ignores: [
      "**/.next/**",
      "node_modules/**",
      ".data/**",
      "db/migrations/**",
      "next-env.d.ts",
      "test-results/**",
      "playwright-report/**",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // One date format (issue 16): people read dates through lib/format/date.ts, never a
    // locale- or zone-dependent formatter or a hand-cut ISO string.
    files: ["app/**", "components/**", "lib/**"],
    ignores: ["lib/format/date.ts", "**/*.test.ts", "**/*.test.tsx"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "CallExpression[callee.property.name=/^(toLocaleString|toLocaleDateString|toLocaleTimeString|toUTCString|toDateString|toTimeString)$/]",
          message: "Format dates with lib/format/date.ts (formatDateTime, formatTimestamp, formatDate, formatTime).",
        },
        {
          selector:
            "CallExpression[callee.property.name=/^(slice|substring|replace)$/][callee.object.callee.property.name='toISOString']",
          message: "Format dates with lib/format/date.ts instead of cutting an ISO string.",
        },
        {
          selector: "NewExpression[callee.object.name='Intl'][callee.property.name='DateTimeFormat']",
          message: "Format dates with lib/format/date.ts.",
        },
      ],
    },
  },
];

export default config;

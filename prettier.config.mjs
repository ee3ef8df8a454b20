/** One format for the tree (`npm run format` writes it, `npm run lint` checks it). */
const config = {
  printWidth: 120,
  plugins: ["prettier-plugin-tailwindcss"],
  // Tailwind v4: the plugin reads the theme from the stylesheet to order classes as the compiler does.
  tailwindStylesheet: "./app/globals.css",
  tailwindFunctions: ["clsx", "cn"],
};

export default config;

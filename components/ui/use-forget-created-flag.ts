"use client";

import { useEffect } from "react";

/** "?created=1" only carries the news across the redirect after ADD; a reload should not repeat it. */
export function useForgetCreatedFlag(justCreated: boolean): void {
  useEffect(() => {
    if (justCreated) window.history.replaceState(window.history.state, "", window.location.pathname);
  }, [justCreated]);
}

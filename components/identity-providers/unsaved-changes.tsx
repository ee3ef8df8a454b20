"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

/** The in-app destination of a plain left click on a same-origin link, or null. */
function internalLinkTarget(event: MouseEvent): string | null {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
    return null;
  const anchor = event.target instanceof Element ? event.target.closest("a[href]") : null;
  if (
    !(anchor instanceof HTMLAnchorElement) ||
    (anchor.target && anchor.target !== "_self") ||
    anchor.hasAttribute("download")
  )
    return null;
  const url = new URL(anchor.href, window.location.href);
  // Other origins unload the page, which beforeunload covers; same-page anchors leave nothing.
  if (
    url.origin !== window.location.origin ||
    (url.pathname === window.location.pathname && url.search === window.location.search)
  )
    return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

/**
 * While the form is dirty: the browser asks before a reload or closing the tab (beforeunload);
 * in-app exits (Cancel, the back link, the navigation) ask first in a dialog. Client-side
 * navigation never fires beforeunload, so links are intercepted in the capture phase, before
 * next/link handles the click.
 */
export function useUnsavedChangesGuard(dirty: boolean) {
  const router = useRouter();
  const [pendingHref, setPendingHref] = useState<string | null>(null);

  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = "";
    };
    const onClick = (event: MouseEvent) => {
      const href = internalLinkTarget(event);
      if (!href) return;
      event.preventDefault();
      setPendingHref(href);
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [dirty]);

  const leave = (href: string) => (dirty ? setPendingHref(href) : router.push(href));

  const dialog = (
    <ConfirmDialog
      open={pendingHref !== null}
      onOpenChange={(open) => !open && setPendingHref(null)}
      title="Discard unsaved changes?"
      confirmLabel="Discard changes"
      cancelLabel="Keep editing"
      onConfirm={() => {
        const href = pendingHref;
        setPendingHref(null);
        if (href) router.push(href);
      }}
    >
      <p>You changed settings of this provider that are not saved. If you leave now, these changes are lost.</p>
    </ConfirmDialog>
  );

  return { leave, dialog };
}

"use client";

import { useEffect, useRef, useState } from "react";

/** The CSS width of an element, followed as it resizes (a page is drawn at this width, capped). */
export function useWidth<T extends HTMLElement>(initial: number, max: number) {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(initial);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => {
      const w = Math.floor(Math.min(entry?.contentRect.width ?? initial, max));
      if (w > 0) setWidth(w);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [initial, max]);
  return [ref, width] as const;
}

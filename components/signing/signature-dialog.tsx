"use client";

import "@fontsource/dancing-script/400.css";
import SignaturePad from "signature_pad";
import { useCallback, useEffect, useRef, useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { controlClass } from "@/components/ui/form-field";

export type SignatureType = "Click2Sign" | "Draw" | "Type";
/** What the signer gives for a field, as signFieldAction takes it. */
export type SignatureInput = { type: "Click2Sign" } | { type: "Draw"; png: string } | { type: "Type"; text: string };

const LABELS: Record<SignatureType, string> = { Click2Sign: "Click", Draw: "Draw", Type: "Type" };
/** The typed signature's look: a script font served by the app itself (@fontsource), never fetched from elsewhere. */
export const SCRIPT_FONT = '"Dancing Script", cursive';

/** The drawing surface: signature_pad on a canvas sized for the screen's pixel density. */
function DrawPad({ onChange }: { onChange: (png: string | null) => void }) {
  const pad = useRef<SignaturePad | null>(null);
  const canvasRef = useCallback(
    (canvas: HTMLCanvasElement | null) => {
      pad.current?.off();
      pad.current = null;
      if (!canvas) return;
      const ratio = Math.max(window.devicePixelRatio || 1, 1);
      canvas.width = canvas.offsetWidth * ratio;
      canvas.height = canvas.offsetHeight * ratio;
      canvas.getContext("2d")?.scale(ratio, ratio);
      const p = new SignaturePad(canvas, { penColor: "#0f172a" });
      p.addEventListener("endStroke", () => onChange(p.isEmpty() ? null : p.toDataURL("image/png")));
      pad.current = p;
    },
    [onChange],
  );
  useEffect(() => () => pad.current?.off(), []);
  return (
    <div className="space-y-2">
      <canvas
        ref={canvasRef}
        aria-label="Draw your signature here"
        className="h-40 w-full touch-none rounded border border-slate-300 bg-white"
      />
      <button
        type="button"
        className="text-xs underline"
        onClick={() => {
          pad.current?.clear();
          onChange(null);
        }}
      >
        Clear
      </button>
    </div>
  );
}

/**
 * How the signer signs one field, as the field allows: click (nothing to give), draw (signature_pad,
 * exported as a PNG data URL) or type (their name, previewed in the script font).
 */
export function SignatureDialog({
  open,
  onOpenChange,
  fieldLabel,
  allowed,
  defaultName,
  pending,
  onSign,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  fieldLabel: string;
  allowed: SignatureType[];
  defaultName: string;
  pending: boolean;
  onSign: (signature: SignatureInput) => void;
}) {
  const [mode, setMode] = useState<SignatureType>(allowed[0] ?? "Click2Sign");
  const [png, setPng] = useState<string | null>(null);
  const [text, setText] = useState(defaultName);
  const current = allowed.includes(mode) ? mode : (allowed[0] ?? "Click2Sign");
  const ready = current === "Click2Sign" || (current === "Draw" ? Boolean(png) : text.trim().length > 0);
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Sign: ${fieldLabel}`}
      confirmLabel="Sign"
      tone="primary"
      pending={pending}
      confirmDisabled={!ready}
      onConfirm={() =>
        onSign(
          current === "Draw"
            ? { type: "Draw", png: png! }
            : current === "Type"
              ? { type: "Type", text: text.trim() }
              : { type: "Click2Sign" },
        )
      }
    >
      {allowed.length > 1 ? (
        <fieldset className="flex gap-4">
          <legend className="sr-only">How to sign</legend>
          {allowed.map((t) => (
            <label key={t} className="flex items-center gap-1 text-sm font-medium text-slate-800">
              <input
                type="radio"
                name="signature-type"
                className="accent-brand-600"
                checked={current === t}
                onChange={() => {
                  setMode(t);
                  setPng(null); // the pad starts blank when it shows again
                }}
              />
              {LABELS[t]}
            </label>
          ))}
        </fieldset>
      ) : null}
      {current === "Draw" ? (
        <DrawPad onChange={setPng} />
      ) : current === "Type" ? (
        <div className="space-y-2">
          <label className="block space-y-1 text-sm font-medium text-slate-800">
            <span>Type your name</span>
            <input className={controlClass} value={text} maxLength={200} onChange={(e) => setText(e.target.value)} />
          </label>
          <p
            aria-label="Preview of the typed signature"
            className="min-h-14 rounded border border-slate-200 bg-white px-3 py-2 text-3xl text-slate-900"
            style={{ fontFamily: SCRIPT_FONT }}
          >
            {text}
          </p>
        </div>
      ) : (
        <p>Choosing Sign signs this field with your name, the time and how you authenticated.</p>
      )}
    </ConfirmDialog>
  );
}

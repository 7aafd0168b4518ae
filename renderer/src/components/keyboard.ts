/**
 * Keyboard and focus wiring shared by the full-screen views and dialogs (page viewer, review,
 * authentication, comparison, library, owner picker): shortcuts read on the document through a
 * listener installed once, and focus that moves in when a view opens and back when it closes.
 */
import { useEffect, useRef } from 'react';

/** The key goes to a text field: it is typing, not a shortcut. */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

/** Enter and Space on a focused button are the button's. */
export function isButtonKey(e: KeyboardEvent): boolean {
  return (e.key === 'Enter' || e.key === ' ') && (e.target as HTMLElement | null)?.tagName === 'BUTTON';
}

/**
 * Listens to `keydown` on the document while the component is mounted. The listener is installed
 * once and always calls the handler of the latest render, so the handler may close over state.
 */
export function useDocumentKeys(handler: (e: KeyboardEvent) => void): void {
  const handlerRef = useRef(handler);
  handlerRef.current = handler;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => handlerRef.current(e);
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}

/** On mount focus moves to what `target` returns; on unmount it returns to where it was. */
export function useFocusWhileOpen(target: () => HTMLElement | null | undefined): void {
  const targetRef = useRef(target);
  targetRef.current = target;
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    targetRef.current()?.focus();
    return () => {
      if (previous && document.contains(previous)) previous.focus();
    };
  }, []);
}

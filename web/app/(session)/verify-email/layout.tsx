// The sign-in pages' card, as when this page was in (auth)/ (it moved to share its modules: ../layout.tsx).
export { default } from "../../(auth)/layout";

;;; mofkit.el --- MOF mode and `mofkit lsp' through eglot  -*- lexical-binding: t; -*-
;; Load with (load "/path/to/mofkit/Editors/emacs/mofkit.el") and open a .mof file; eglot starts
;; `mofkit lsp' (M-x eglot once, or add `eglot-ensure' to `mof-mode-hook' as below).
;; Settings: (setq-default eglot-workspace-configuration '(:mofkit (:strict t :includePaths ["/path"])))

(require 'eglot)

(defvar mof-mode-syntax-table
  (let ((table (make-syntax-table)))
    (modify-syntax-entry ?/ ". 124b" table)
    (modify-syntax-entry ?* ". 23" table)
    (modify-syntax-entry ?\n "> b" table)
    (modify-syntax-entry ?_ "w" table)
    (modify-syntax-entry ?$ "_" table)
    (modify-syntax-entry ?\" "\"" table)
    (modify-syntax-entry ?\\ "\\" table)
    table)
  "Syntax table for `mof-mode': // and /* */ comments, double-quoted strings.")

(defconst mof-font-lock-keywords
  `((,(regexp-opt '("class" "instance" "of" "qualifier" "ref" "as" "scope" "flavor") 'words) . font-lock-keyword-face)
    (,(regexp-opt '("boolean" "string" "char16" "datetime" "uint8" "sint8" "uint16" "sint16" "uint32" "sint32"
                    "uint64" "sint64" "real32" "real64" "object") 'words) . font-lock-type-face)
    ("#pragma\\s-+\\w+" . font-lock-preprocessor-face)
    ("\\_<\\(true\\|false\\|null\\)\\_>" . font-lock-constant-face)))

;;;###autoload
(define-derived-mode mof-mode prog-mode "MOF"
  "Major mode for Managed Object Format files (SMS_def.mof, configuration.mof)."
  (setq-local comment-start "// ")
  (setq-local comment-end "")
  (setq-local font-lock-defaults '(mof-font-lock-keywords nil t))
  (setq-local indent-tabs-mode nil)
  (setq-local tab-width 4))

;;;###autoload
(add-to-list 'auto-mode-alist '("\\.\\(mof\\|MOF\\|mfl\\)\\'" . mof-mode))
(add-to-list 'eglot-server-programs '(mof-mode . ("mofkit" "lsp")))
(add-hook 'mof-mode-hook #'eglot-ensure)

(provide 'mofkit)
;;; mofkit.el ends here

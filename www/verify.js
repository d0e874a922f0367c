// verify.js: on /verify, let a person pick the .receipt file instead of
// pasting it.  The page works without this script: the field is a
// textarea and the form posts as is.  The file never leaves the browser
// except as that field's text, sent with the form.
(function () {
	"use strict";
	var field = document.getElementById("receipt-file-field");
	var input = document.getElementById("receipt-file");
	var area = document.getElementById("receipt");
	if (!field || !input || !area || !window.FileReader)
		return;
	field.hidden = false;
	input.addEventListener("change", function () {
		var f = input.files && input.files[0];
		if (!f)
			return;
		var rd = new FileReader();
		rd.onload = function () {
			area.value = String(rd.result);
		};
		rd.readAsText(f, "utf-8");
	});
})();

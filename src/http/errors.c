/* errors.c — the HTTP API's error vocabulary (errors.h). */
#include "http/errors.h"

const struct http_error_def http_errors[HE__MAX] = {
	[HE_INVALID] = { "invalid", 400, "the input is not valid", "输入有误" },
	[HE_BAD_JSON] = { "bad_json", 400, "the body is not a JSON object", "请求内容不是有效的 JSON" },
	[HE_EMPTY] = { "empty", 400, "the upload is empty", "上传的文件为空" },
	[HE_UNAUTHENTICATED] = { "unauthenticated", 401, "log in first (or send a bearer token)",
				 "请先登录" },
	[HE_BAD_CREDENTIALS] = { "bad_credentials", 401, "wrong username or password",
				 "用户名或密码错误" },
	[HE_FORBIDDEN] = { "forbidden", 403, "your role may not do this", "您的角色无权进行此操作" },
	[HE_CSRF] = { "csrf", 403, "a write needs the X-CSRF-Token of the session",
		      "缺少或错误的 CSRF 令牌，请刷新页面" },
	[HE_NOT_FOUND] = { "not_found", 404, "not found", "未找到" },
	[HE_NOT_ISSUED] = { "not_issued", 404, "this month's bulletin has not been issued",
			    "本月通报尚未印发" },
	[HE_NO_VERSION] = { "no_version", 404, "the month has no issued version of that number",
			    "本月通报没有该版本" },
	[HE_UNKNOWN_SETTING] = { "unknown_setting", 404, "no setting has this key",
				 "没有这个设置项" },
	[HE_METHOD_NOT_ALLOWED] = { "method_not_allowed", 405, "method not allowed",
				    "不支持该请求方法" },
	[HE_STALE] = { "stale", 409, "someone else changed this first; here is the current row",
		       "数据已被他人修改，请刷新后重试" },
	[HE_CONFLICT] = { "conflict", 409, "changed by someone else, or a duplicate",
			  "数据已被他人修改或重复" },
	[HE_LOCKED] = { "locked", 409, "the report is submitted or verified; ask the project "
			"office to return it", "月报已提交或已核实，如需修改请联系项目办退回" },
	[HE_WRONG_STATUS] = { "wrong_status", 409, "not allowed from the current status",
			      "当前状态下不能进行此操作" },
	[HE_EXISTS] = { "exists", 409, "it exists already", "已存在" },
	[HE_ISSUED] = { "issued", 409, "this month's bulletin is issued", "本月通报已印发" },
	[HE_PLAN_ISSUED] = { "plan_issued", 409, "the year's plan is issued: its plan fields "
			     "change only by an approved change request",
			     "年度计划已下达，计划字段只能通过变更申请修改" },
	[HE_PLAN_OPEN] = { "plan_open", 409, "the year's plan is not issued: edit it directly",
			   "年度计划尚未下达，请直接修改" },
	[HE_CHANGE_PENDING] = { "change_pending", 409, "a pending change request already "
				"proposes this field", "已有待审核的变更申请包含该字段" },
	[HE_TOO_LARGE] = { "too_large", 413, "the request body is too large", "请求内容过大" },
	[HE_REFUSED] = { "refused", 422, "the file has problems; nothing was written",
			 "文件有错误，未写入任何数据" },
	/* leader linkage on every project write (issue 13) */
	[HE_UNKNOWN_LEADER] = { "unknown_leader", 422, "no leader account has this username or "
				"name; nothing was written", "没有此用户名或姓名的区领导账号，未写入" },
	[HE_AMBIGUOUS_LEADER] = { "ambiguous_leader", 422, "several leader accounts have this "
				  "name; give the username; nothing was written",
				  "多个区领导账号同名，请填写用户名，未写入" },
	/* district1: one instance, many districts (issue #17 item 5) */
	[HE_DISTRICT_REQUIRED] = { "district_required", 422, "this instance holds several "
				   "districts: name one (district)", "本系统含多个区，请指定区" },
	[HE_VERSION_REQUIRED] = { "version_required", 428, "an edit names the version it changes "
				  "(If-Match or \"version\")", "修改须带上版本号" },
	[HE_THROTTLED] = { "throttled", 429, "too many failed logins; try again later",
			   "登录失败次数过多，请稍后再试" },
	[HE_INTERNAL] = { "internal", 500, "internal error", "服务器内部错误" },
	[HE_BAD_SETTING] = { "bad_setting", 500, "a stored setting is not valid",
			     "存储的设置值无效" },
	[HE_UNAVAILABLE] = { "unavailable", 503, "the database cannot be opened", "数据库无法打开" },
	[HE_BUSY] = { "busy", 503, "busy; try again shortly", "服务器正忙，请稍后重试" },
};

enum http_err http_err_of(enum bl_err rc)
{
	switch (rc) {
	case BL_EINVAL:
	case BL_EENCODING:
	case BL_EUNDEFINED: return HE_INVALID;
	case BL_ENOTFOUND: return HE_NOT_FOUND;
	case BL_ECONFLICT: return HE_CONFLICT;
	case BL_EPERM: return HE_FORBIDDEN;
	case BL_ELIMIT: return HE_TOO_LARGE;
	case BL_EBUSY: return HE_BUSY;
	default: return HE_INTERNAL;
	}
}

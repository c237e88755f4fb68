# Provision one beta session per tenant from the tenants file (written here the way the CMDB export writes it).
Set-StrictMode -Version Latest

$TenantsPath = Join-Path ([System.IO.Path]::GetTempPath()) 'psopenapi-corpus-04-tenants.json'
@'
[
  {"Name": "acme", "Tier": "gold", "Voice": "sage", "Temperature": 0.70, "Cap": "4096"},
  {"Name": "globex", "Tier": "silver", "Voice": null, "Temperature": 1.0, "Cap": 2048},
  {"Name": "initech", "Tier": "bronze", "Voice": "verse", "Temperature": 0.60, "Cap": 1024}
]
'@ | Set-Content -Path $TenantsPath

$Tenants = Get-Content -Path $TenantsPath -Raw | ConvertFrom-Json
Write-Output "tenants: $($Tenants.Count)"
$TotalCap = 0
foreach ($Tenant in $Tenants) {
    $Params = @{
        Model                   = 'gpt-4o-realtime-preview'
        Instructions            = "You serve $($Tenant.Name) ($($Tenant.Tier) tier)."
        Temperature             = $Tenant.Temperature
        MaxResponseOutputTokens = [int]$Tenant.Cap
    }
    if ($null -ne $Tenant.Voice) {
        $Params['Voice'] = $Tenant.Voice
    }
    $Request = Initialize-RealtimeSessionCreateRequest @Params
    $Session = New-RealtimeSession -RealtimeSessionCreateRequest $Request
    # the JSON's 0.70 is the double 0.7 and its 1.0 the double 1: they print as 0.7 and 1
    Write-Output ('{0,-8} {1,-6} temp {2} cap {3}' -f $Tenant.Name, $Session.voice, $Session.temperature, $Session.max_response_output_tokens)
    $TotalCap += $Tenant.Cap    # 0 + "4096" is 4096: the left side is a number, so the text is added as a number
}
Write-Output "total cap: $TotalCap"
# "4096" -eq 4096: the right side is converted to text, "4096"
Write-Output "acme cap is 4096: $($Tenants[0].Cap -eq 4096)"

Remove-Item -Path $TenantsPath

# Secret hygiene: the bridge's debug log must never hold a whole ephemeral key; mask any it finds and list the sessions affected.
$LogPath = Join-Path ([System.IO.Path]::GetTempPath()) 'psopenapi-corpus-23-bridge.log'
$Session = New-RealtimeSession -RealtimeSessionCreateRequest (Initialize-RealtimeSessionCreateRequest -Model 'gpt-4o-realtime-preview' -Modalities 'text')
$Key = $Session.client_secret.value
@(
    'INFO session=s1 start'
    "DEBUG session=s2 key=$Key"
    'INFO session=s1 stop'
    "DEBUG session=S2 key=$Key retry"
    'WARN session=s3 slow'
) | Out-File -FilePath $LogPath

$Leaks = [System.Collections.Generic.List[string]]::new()
$Clean = foreach ($Line in Get-Content -Path $LogPath) {
    if ($Line -match 'session=(\w+) key=(ek_\w+)') {
        $Leaks.Add($Matches[1])
        $Line -replace 'key=(ek_)\w+', 'key=$1****'
    } else {
        $Line
    }
}
$Clean | Out-File -FilePath $LogPath
Write-Output "lines checked: $($Clean.Count), leaks: $($Leaks.Count)"
# Sort-Object -Unique ignores case: 's2' and 'S2' are one session
$Affected = @($Leaks | Sort-Object -Unique)
Write-Output "sessions with leaks: $($Affected.Count) ($(($Affected | ForEach-Object { $_.ToLower() }) -join ','))"
Write-Output "key still in log: $((Get-Content -Path $LogPath -Raw).Contains($Key))"
Write-Output "masked lines: $(@(Get-Content -Path $LogPath | Where-Object { $_ -match 'key=ek_\*{4}' }).Count)"
$Levels = $Clean | ForEach-Object { $_.Split(' ')[0] } | Sort-Object -Unique
Write-Output "levels: $Levels"    # an array in a string: items joined with spaces
Write-Output "log file: $(Split-Path -Path $LogPath -Leaf)"
Remove-Item -Path $LogPath
